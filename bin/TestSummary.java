import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * bin/test's console summary, read from the Surefire XML reports this run wrote (newer than the start stamp): one
 * line per module, every skipped test with its reason, every failed test with its message, then the closing
 * "N passed, N failed, N skipped" line. Usage: java bin/TestSummary.java STAMP MAVEN_EXIT CONSUMER_RESULT, where
 * CONSUMER_RESULT is passed, failed or not-run. Exits non-zero when anything failed.
 */
public final class TestSummary {
  private int passed;
  private int failed;
  private int skipped;
  private final List<String> skips = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    long since = Files.getLastModifiedTime(Path.of(args[0])).toMillis();
    int mavenExit = Integer.parseInt(args[1]);
    String consumer = args[2];
    TestSummary summary = new TestSummary();
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Path.of("pom.xml")));
    while (modules.find()) summary.module(modules.group(1), since);
    if (!consumer.equals("not-run")) {
      boolean ok = consumer.equals("passed");
      System.out.println(String.format("%-12s 1 test, %d failures (examples/consumer on the module path)",
          "consumer:", ok ? 0 : 1));
      if (ok) summary.passed++; else summary.failed++;
    }
    for (String s : summary.skips) System.out.println("SKIPPED " + s);
    for (String f : summary.failures) System.out.println("FAILED  " + f);
    if (mavenExit != 0 && summary.failed == 0) {
      System.out.println("FAILED  the Maven build (exit " + mavenExit + "): see the [ERROR] lines above");
      summary.failed++;
    }
    System.out.println(summary.passed + " passed, " + summary.failed + " failed, " + summary.skipped + " skipped");
    System.exit(summary.failed == 0 ? 0 : 1);
  }

  private void module(String name, long since) throws Exception {
    Path reports = Path.of(name, "target", "surefire-reports");
    if (!Files.isDirectory(reports)) return;
    List<Path> files;
    try (Stream<Path> s = Files.list(reports)) {
      files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml") && newer(p, since)).sorted().toList();
    }
    if (files.isEmpty()) return;
    int tests = 0;
    int moduleFailed = 0;
    int moduleSkipped = 0;
    for (Path file : files) {
      NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
          .getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        String id = simpleName(c.getAttribute("classname")) + "." + c.getAttribute("name");
        Element problem = child(c, "failure", "error");
        Element skip = child(c, "skipped");
        tests++;
        if (problem != null) {
          moduleFailed++;
          failures.add(id + ": " + firstLines(problem));
        } else if (skip != null) {
          moduleSkipped++;
          skips.add(id + ": " + skipReason(skip));
        }
      }
    }
    passed += tests - moduleFailed - moduleSkipped;
    failed += moduleFailed;
    skipped += moduleSkipped;
    System.out.println(String.format("%-12s %d tests, %d failures%s", name + ":", tests, moduleFailed,
        moduleSkipped == 0 ? "" : ", " + moduleSkipped + " skipped"));
  }

  private static boolean newer(Path p, long since) {
    try {
      return Files.getLastModifiedTime(p).toMillis() >= since;
    } catch (IOException e) {
      return false;
    }
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static Element child(Element parent, String... names) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && List.of(names).contains(e.getTagName())) return e;
    }
    return null;
  }

  /** A skip's message, or else the first line of an aborted assumption's trace without the exception's name. */
  private static String skipReason(Element skip) {
    String why = skip.getAttribute("message");
    if (why.isBlank()) why = skip.getTextContent().strip().lines().findFirst().orElse("");
    why = why.replaceFirst("^[\\w.$]+Exception: (Assumption failed: )?", "");
    return why.isBlank() ? "(no reason given)" : why;
  }

  /** The message, or else the first lines of the stack trace, indented under the test's name. */
  private static String firstLines(Element problem) {
    String message = problem.getAttribute("message");
    String text = message.isBlank() ? problem.getAttribute("type") + "\n" + problem.getTextContent() : message;
    return String.join("\n        ", text.strip().lines().limit(8).toList());
  }
}
