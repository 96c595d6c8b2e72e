package dev.jfastai.bench;

/**
 * The convolutions of the fastai book's chapter 13: the full-MNIST model (batch 512: 1->8 with a 5x5 kernel, then
 * 3x3 stride-2 padding-1 convolutions 8->16->32->64->10) and the book's {@code simple_cnn} on MNIST_SAMPLE (batch
 * 64: 1->4->8->16->32->2, all 3x3 stride 2 padding 1). Names match bench/torch_conv.py.
 */
public enum ConvShape {
  MNIST_1_8(512, 1, 28, 8, 5, 2, 2),
  MNIST_8_16(512, 8, 14, 16, 3, 2, 1),
  MNIST_16_32(512, 16, 7, 32, 3, 2, 1),
  MNIST_32_64(512, 32, 4, 64, 3, 2, 1),
  MNIST_64_10(512, 64, 2, 10, 3, 2, 1),
  SIMPLE_1_4(64, 1, 28, 4, 3, 2, 1),
  SIMPLE_4_8(64, 4, 14, 8, 3, 2, 1),
  SIMPLE_8_16(64, 8, 7, 16, 3, 2, 1),
  SIMPLE_16_32(64, 16, 4, 32, 3, 2, 1),
  SIMPLE_32_2(64, 32, 2, 2, 3, 2, 1);

  final int batch;
  final int inChannels;
  final int size;
  final int outChannels;
  final int kernel;
  final int stride;
  final int padding;

  ConvShape(int batch, int inChannels, int size, int outChannels, int kernel, int stride, int padding) {
    this.batch = batch;
    this.inChannels = inChannels;
    this.size = size;
    this.outChannels = outChannels;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
  }

  /** The first layer of each model reads the images, which need no gradient. */
  boolean inputNeedsGrad() {
    return inChannels > 1;
  }
}
