package io.sqspiietl.source;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One element of an SQS query-protocol XML response, with namespaces dropped: SQS responses are
 * small, flat and unambiguous by local name, so a tiny tree is easier to read than cursor code.
 *
 * @param name     the element's local name
 * @param text     the element's own character content (entities resolved), empty if none
 * @param children the child elements in document order
 */
record XmlElement(String name, String text, List<XmlElement> children) {
    /** Deeper documents are not SQS responses; refusing them bounds the work a hostile peer can cause. */
    private static final int MAX_DEPTH = 16;
    private static final XMLInputFactory FACTORY = secureFactory();

    XmlElement {
        children = List.copyOf(children);
    }

    /**
     * Parses a whole document. A document type declaration is refused outright, so neither external
     * entities nor entity expansion bombs are ever processed.
     *
     * @throws XMLStreamException if the bytes are not well-formed XML, carry a DOCTYPE or nest too deep
     */
    static XmlElement parse(byte[] document) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
        try {
            Deque<Builder> open = new ArrayDeque<>();
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD -> throw new XMLStreamException("DOCTYPE is not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() == MAX_DEPTH) {
                            throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH);
                        }
                        open.push(new Builder(reader.getLocalName()));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlElement element = open.pop().build();
                        if (open.isEmpty()) {
                            return element;
                        }
                        open.peek().children.add(element);
                    }
                    default -> {
                        // comments, processing instructions and whitespace outside elements carry nothing
                    }
                }
            }
            throw new XMLStreamException("document has no root element");
        } finally {
            reader.close();
        }
    }

    /** The first child of that name, or {@code null}. */
    XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** The children of that name, in document order. */
    List<XmlElement> children(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    /** The text of the first child of that name, or {@code null} if there is no such child. */
    String childText(String childName) {
        XmlElement child = child(childName);
        return child == null ? null : child.text;
    }

    /** The first element of that name anywhere below this one (depth first), or {@code null}. */
    XmlElement find(String descendantName) {
        for (XmlElement child : children) {
            XmlElement found = child.name.equals(descendantName) ? child : child.find(descendantName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** An element whose end tag has not been read yet. */
    private static final class Builder {
        private final String name;
        private final StringBuilder text = new StringBuilder();
        private final List<XmlElement> children = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        XmlElement build() {
            return new XmlElement(name, text.toString(), children);
        }
    }
}
