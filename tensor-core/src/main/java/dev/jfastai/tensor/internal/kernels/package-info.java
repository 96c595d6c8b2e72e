/** Hot loops on flat float arrays (not exported). */
package dev.jfastai.tensor.internal.kernels;
