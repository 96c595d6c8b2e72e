package dev.jfastai.callbacks;

/** Whether {@link ProgressCallback} draws the live batch bar. */
public enum LiveBar {
  /** Only when printing to {@code System.out} and that is a real terminal: never into a file or a pipe. */
  AUTO,
  /** Always (the bar's carriage returns then end up in whatever the stream writes to). */
  ON,
  /** Never: the table only. */
  OFF
}
