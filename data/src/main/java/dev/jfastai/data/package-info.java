/** Datasets, DataLoaders, untarData and image/MNIST readers. */
package dev.jfastai.data;
