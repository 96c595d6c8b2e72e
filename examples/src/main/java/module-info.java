/** The command-line runner that reproduces fastai's chapter 4, plus worked examples. */
module dev.jfastai.examples {
  requires dev.jfastai.callbacks;
  requires info.picocli;

}
