package dev.jfastai.nn.internal;

import dev.jfastai.tensor.Generator;
import java.security.SecureRandom;

/** Seeds for layers built without a {@link Generator}: fresh entropy each time, never a shared global generator. */
public final class Seeds {
  private Seeds() {}

  /** A new generator seeded from the operating system's entropy: not reproducible, by design. */
  public static Generator freshGenerator() {
    return new Generator(new SecureRandom().nextLong());
  }
}
