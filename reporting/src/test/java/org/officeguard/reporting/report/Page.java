package org.officeguard.reporting.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * A page of reporting (the report, the index, the roll call) read with the JDK's XML parser (the page is well-formed XML, so a parse failure is
 * a defect in itself), queried with XPath.
 */
public final class Page {
    public final String html;
    private final Document doc;
    private final XPath xpath = XPATH.newXPath();
    private static final XPathFactory XPATH = XPathFactory.newInstance();
    private static final DocumentBuilderFactory XML = DocumentBuilderFactory.newInstance();

    static {
        try {
            XML.setNamespaceAware(false);
            XML.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XML.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            XML.setExpandEntityReferences(false);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public Page(String html) {
        this.html = html;
        try {
            doc = XML.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        } catch (Exception e) {
            throw new AssertionError("the page is not well-formed: " + e.getMessage(), e);
        }
    }

    /** An XPath test for a class token: {@code cls("today")}. */
    public static String cls(String name) {
        return "contains(concat(' ', normalize-space(@class), ' '), ' " + name + " ')";
    }

    public List<Element> all(String path) {
        try {
            NodeList nodes = (NodeList) xpath.evaluate(path, doc, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + path, e);
        }
    }

    public Element one(String xpath) {
        List<Element> found = all(xpath);
        if (found.size() != 1) {
            throw new AssertionError("expected one match for " + xpath + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The text of the one element matching, whitespace collapsed. */
    public String text(String xpath) {
        return text(one(xpath));
    }

    public static String text(Element e) {
        return e.getTextContent().replaceAll("\\s+", " ").trim();
    }

    public Element root() {
        return doc.getDocumentElement();
    }
}
