/** fastai's chapter 4 ported step by step: the plain training loop, BasicLearner and the chapter's data and model. */
package dev.jfastai.examples.chapter4;
