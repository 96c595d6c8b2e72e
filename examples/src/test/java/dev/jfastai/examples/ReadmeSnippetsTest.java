package dev.jfastai.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets compile as written against this build. Each snippet's types become top-level classes
 * and its statements the body of a method that declares no exceptions (so a checked exception would not compile),
 * with on-demand imports of every jfastai package (so {@code Module} compiles only where the snippet imports
 * {@code dev.jfastai.nn.Module} by name) plus the Guice and jakarta.inject types the snippets use.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE_START = Pattern.compile("^(public )?(final )?(class|interface|record) (\\w+)");
  private static final String IMPORTS = String.join("\n",
      "import com.google.inject.AbstractModule;",
      "import com.google.inject.Guice;",
      "import com.google.inject.multibindings.Multibinder;",
      "import com.google.inject.name.Names;",
      "import dev.jfastai.callbacks.*;",
      "import dev.jfastai.data.*;",
      "import dev.jfastai.learner.*;",
      "import dev.jfastai.nn.*;",
      "import dev.jfastai.nn.optim.*;",
      "import dev.jfastai.tensor.*;",
      "import jakarta.inject.Inject;",
      "import jakarta.inject.Named;");

  static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("README.md");
      if (Files.exists(candidate) && Files.exists(dir.resolve("examples/consumer"))) return candidate;
    }
    throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
  }

  static List<String> javaBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(Files.readString(readme(), StandardCharsets.UTF_8));
    while (m.find()) blocks.add(m.group(1));
    return blocks;
  }

  @Test
  void everyJavaSnippetCompilesAsWritten(@TempDir Path out) throws IOException {
    List<String> blocks = javaBlocks();
    assertTrue(blocks.size() >= 4, "found only " + blocks.size() + " java snippets");
    Map<String, String> units = new LinkedHashMap<>();
    for (int i = 0; i < blocks.size(); i++) split(blocks.get(i), "Snippet" + i, units);

    List<String> args = new ArrayList<>(List.of("-d", out.resolve("classes").toString(), "-proc:none",
        "-classpath", System.getProperty("java.class.path")));
    for (Map.Entry<String, String> unit : units.entrySet()) {
      Path file = out.resolve("readme").resolve(unit.getKey() + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, unit.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("no javac in this JDK"));
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(report, true, StandardCharsets.UTF_8);
    int status = javac.run(stream, stream, args.toArray(new String[0]));
    assertTrue(status == 0, report.toString(StandardCharsets.UTF_8) + "\n\nGenerated sources:\n"
        + String.join("\n\n", units.values()));
  }

  @Test
  void theGuiceConfigurationShownIsTheOneReadmeGuiceExampleTestRuns() throws IOException {
    String block = javaBlocks().stream().filter(b -> b.contains("class TrainingCallbacks")).findFirst()
        .orElseThrow(() -> new AssertionError("README has no TrainingCallbacks snippet"));
    List<String> shown = normalized(block);
    Path test = Path.of("src/test/java/dev/jfastai/examples/ReadmeGuiceExampleTest.java");
    List<String> run = normalized(Files.readString(test, StandardCharsets.UTF_8)
        .replace("public static final class TrainingCallbacks", "public final class TrainingCallbacks"));
    assertTrue(Collections.indexOfSubList(run, shown) >= 0, "README's TrainingCallbacks differs from " + test);
  }

  private static List<String> normalized(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** Splits a snippet into top-level types (one unit each) and a class whose method holds the statements. */
  private static void split(String block, String name, Map<String, String> units) {
    List<String> imports = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    List<String> lines = block.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher type = TYPE_START.matcher(line);
      if (line.startsWith("import ")) {
        imports.add(line);
      } else if (type.find()) {
        StringBuilder decl = new StringBuilder();
        while (!lines.get(i).equals("}")) decl.append(lines.get(i++)).append('\n');
        units.put(type.group(4), decl.append("}\n").toString());
      } else {
        statements.add(line);
      }
    }
    String body = String.join("\n", statements);
    List<String> params = new ArrayList<>();
    if (body.matches("(?s).*\\bdls\\b.*") && !body.contains("DataLoaders dls =")) params.add("DataLoaders dls");
    if (body.matches("(?s).*\\bmodel\\b.*") && !body.matches("(?s).*\\w+ model =.*")) {
      params.add("dev.jfastai.nn.Module model");
    }
    units.replaceAll((type, code) -> code.startsWith("package ") ? code : header(imports) + code);
    units.put(name, header(imports) + "public final class " + name + " {\n  static void run("
        + String.join(", ", params) + ") {\n" + body + "\n  }\n}\n");
  }

  private static String header(List<String> imports) {
    return "package readme;\n\n" + IMPORTS + "\n" + String.join("\n", imports) + "\n\n";
  }
}
