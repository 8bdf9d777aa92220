package org.qinglan.exam.bank;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read with StAX, keeping the line of each element so that errors can
 * point at it. DTDs and external entities are refused.
 */
final class XmlTree {
  final String name;
  final Map<String, String> attributes = new LinkedHashMap<>();
  final List<XmlTree> children = new ArrayList<>();
  final StringBuilder text = new StringBuilder();
  final int line;

  private XmlTree(String name, int line) {
    this.name = name;
    this.line = line;
  }

  static XmlTree parse(String xml) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    XMLStreamReader r = factory.createXMLStreamReader(new StringReader(xml));
    List<XmlTree> stack = new ArrayList<>();
    XmlTree root = null;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          XmlTree node = new XmlTree(r.getLocalName(), r.getLocation().getLineNumber());
          for (int i = 0; i < r.getAttributeCount(); i++) {
            node.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
          }
          if (stack.isEmpty()) {
            root = node;
          } else {
            stack.get(stack.size() - 1).children.add(node);
          }
          stack.add(node);
        }
        case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!stack.isEmpty()) {
            stack.get(stack.size() - 1).text.append(r.getText());
          }
        }
        default -> {
          // comments and processing instructions carry nothing for us
        }
      }
    }
    return root;
  }

  XmlTree child(String childName) {
    for (XmlTree c : children) {
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return null;
  }

  List<XmlTree> all(String childName) {
    List<XmlTree> out = new ArrayList<>();
    for (XmlTree c : children) {
      if (c.name.equals(childName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text of {@code <childName><text>…</text></childName>}, or of the child itself; null when absent. */
  String textOf(String childName) {
    XmlTree c = child(childName);
    if (c == null) {
      return null;
    }
    XmlTree t = c.child("text");
    return (t != null ? t.text : c.text).toString().strip();
  }

  String value(String childName) {
    XmlTree c = child(childName);
    return c == null ? null : c.text.toString().strip();
  }
}
