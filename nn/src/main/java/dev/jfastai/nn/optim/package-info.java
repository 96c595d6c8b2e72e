/** Optimizers: the chapter's BasicOptim, SGD, Adam and AdamW. */
package dev.jfastai.nn.optim;
