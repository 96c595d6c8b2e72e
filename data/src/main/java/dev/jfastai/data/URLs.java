package dev.jfastai.data;

/**
 * fastai's dataset addresses ({@code fastai.data.external.URLs}), for {@link UntarData#untarData(String)}.
 * Only the MNIST family is listed; any other {@code .tgz}/{@code .zip} address works the same way.
 */
public final class URLs {
  /** The prefix of fastai's S3 buckets. */
  public static final String S3 = "https://s3.amazonaws.com/fast-ai-";
  /** The bucket of fastai's small sample datasets. */
  public static final String URL = S3 + "sample/";
  /** The bucket of fastai's image classification datasets. */
  public static final String S3_IMAGE = S3 + "imageclas/";

  /** Threes and sevens from MNIST: {@code train/{3,7}}, {@code valid/{3,7}}, {@code labels.csv} (chapter 4). */
  public static final String MNIST_SAMPLE = URL + "mnist_sample.tgz";
  /** A tiny set of MNIST threes and sevens, laid out like MNIST_SAMPLE, for quick experiments. */
  public static final String MNIST_TINY = URL + "mnist_tiny.tgz";
  /** All of MNIST as PNGs: {@code training/<digit>/*.png} and {@code testing/<digit>/*.png}. */
  public static final String MNIST = S3_IMAGE + "mnist_png.tgz";

  private URLs() {}
}
