package org.qinglan.platform;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML value that remembers its line, so content checks can say "course.yaml line 12:
 * …". Reads with SnakeYAML's safe loader (no arbitrary types). Problems found while reading
 * fields are collected in the {@link Problems} passed along.
 */
public final class YamlDoc {
  private final Node node;

  private YamlDoc(Node node) {
    this.node = node;
  }

  /** A problem with its line. */
  public record Problem(int line, String message) {
  }

  /** Collected problems of one file. */
  public static final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(int line, String message) {
      list.add(new Problem(line, message));
    }

    public List<Problem> list() {
      return List.copyOf(list);
    }

    public boolean isEmpty() {
      return list.isEmpty();
    }
  }

  /** Parses a document; a syntax error is reported as a problem and gives null. */
  public static YamlDoc parse(String text, Problems problems) {
    try {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
      if (root == null) {
        problems.add(1, "文件是空的");
        return null;
      }
      return new YamlDoc(root);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      problems.add(line, "YAML 格式错误：" + e.getProblem());
      return null;
    } catch (RuntimeException e) {
      problems.add(1, "YAML 格式错误：" + e.getMessage());
      return null;
    }
  }

  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  /** The child under {@code key} of a mapping, or null. */
  public YamlDoc get(String key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return new YamlDoc(t.getValueNode());
        }
      }
    }
    return null;
  }

  /** The keys of a mapping with their values, in order. */
  public List<Map.Entry<String, YamlDoc>> entries() {
    List<Map.Entry<String, YamlDoc>> out = new ArrayList<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          out.add(Map.entry(k.getValue(), new YamlDoc(t.getValueNode())));
        }
      }
    }
    return out;
  }

  /** The items of a sequence (empty for anything else). */
  public List<YamlDoc> items() {
    List<YamlDoc> out = new ArrayList<>();
    if (node instanceof SequenceNode s) {
      s.getValue().forEach(n -> out.add(new YamlDoc(n)));
    }
    return out;
  }

  /** The scalar text, or null when this is not a scalar or is empty. */
  public String text() {
    if (node instanceof ScalarNode s) {
      String v = s.getValue();
      return v == null || v.isBlank() || v.equals("~") || v.equals("null") ? null : v.strip();
    }
    return null;
  }

  // ---- typed field access on a mapping; missing or wrong values become problems ----

  public String string(String key, Problems problems, boolean required) {
    YamlDoc v = get(key);
    String t = v == null ? null : v.text();
    if (t == null && required) {
      problems.add(v == null ? line() : v.line(), "缺少 " + key);
    }
    return t;
  }

  public Integer integer(String key, Problems problems, boolean required) {
    String t = string(key, problems, required);
    if (t == null) {
      return null;
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      problems.add(get(key).line(), key + " 应为整数，而不是“" + t + "”");
      return null;
    }
  }

  public Double number(String key, Problems problems, boolean required) {
    String t = string(key, problems, required);
    if (t == null) {
      return null;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      problems.add(get(key).line(), key + " 应为数字，而不是“" + t + "”");
      return null;
    }
  }

  public Boolean bool(String key, Problems problems) {
    String t = string(key, problems, false);
    if (t == null) {
      return null;
    }
    return switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        problems.add(get(key).line(), key + " 应为 true 或 false");
        yield null;
      }
    };
  }

  /** A list of strings ([a, b] or a block list); a single scalar counts as a list of one. */
  public List<String> strings(String key, Problems problems) {
    YamlDoc v = get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isList()) {
      for (YamlDoc item : v.items()) {
        String t = item.text();
        if (t == null) {
          problems.add(item.line(), key + " 的每一项都应是文字");
        } else {
          out.add(t);
        }
      }
    } else if (v.text() != null) {
      out.add(v.text());
    } else if (!v.isList() && !v.isMap() && v.text() == null) {
      return out;
    } else {
      problems.add(v.line(), key + " 应为列表");
    }
    return out;
  }
}
