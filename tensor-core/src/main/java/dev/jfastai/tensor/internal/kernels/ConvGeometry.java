package dev.jfastai.tensor.internal.kernels;

/**
 * The sizes of one 2-d convolution: input [batch, inChannels, height, width], weight [outChannels,
 * inChannels / groups, kernelHeight, kernelWidth], and stride, padding and dilation per axis.
 */
public record ConvGeometry(int batch, int inChannels, int height, int width, int outChannels, int kernelHeight,
    int kernelWidth, int strideHeight, int strideWidth, int padHeight, int padWidth, int dilationHeight,
    int dilationWidth, int groups) {

  /** PyTorch's output height: floor((H + 2p - d(k - 1) - 1) / s) + 1. */
  public int outHeight() {
    return (height + 2 * padHeight - dilationHeight * (kernelHeight - 1) - 1) / strideHeight + 1;
  }

  public int outWidth() {
    return (width + 2 * padWidth - dilationWidth * (kernelWidth - 1) - 1) / strideWidth + 1;
  }

  /** Whether the padded input is at least one dilated kernel tall and wide (else there is no output). */
  public boolean fitsKernel() {
    return height + 2 * padHeight >= dilationHeight * (kernelHeight - 1) + 1
        && width + 2 * padWidth >= dilationWidth * (kernelWidth - 1) + 1;
  }

  /** Rows of the column matrix per group: (inChannels / groups) x kernelHeight x kernelWidth. */
  public int groupRows() {
    return inChannels / groups * kernelHeight * kernelWidth;
  }

  /** Columns of the column matrix: one per output pixel of every image. */
  public int columns() {
    return batch * outHeight() * outWidth();
  }
}
