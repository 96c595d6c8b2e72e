package dev.jfastai.callbacks;

/** How {@link ProgressCallback} prints its epoch table. */
public enum TableStyle {
  /**
   * fastai's table: {@code epoch     train_loss  valid_loss  accuracy  time}, columns padded to at least 8 characters
   * and two spaces apart, the smoothed train loss, 6 decimals, time as {@code mm:ss}.
   */
  FASTAI,
  /**
   * The chapter's table: {@code Epoch}, {@code Train Loss} (the epoch's mean), each metric; tab-separated, 4 decimals.
   */
  PLAIN
}
