/** fastai book chapter 13 ("Convolutions"): its models, built the way the book builds them. */
package dev.jfastai.examples.chapter13;
