package io.pilotage.reports.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one Open311 document in JSON or XML from the same tree, so that both formats always say the same thing.
 * A document is an ordered map (an object, an element with children) or {@link Items} (a JSON array, repeated
 * elements named by the standard: {@code <services><service>}); leaves are text, numbers and booleans, and null is a
 * JSON null or an empty element. XML is written with the JDK's StAX writer: no XML message converter exists in the
 * application, so that XML stays under {@code /open311} and never leaks into the API's content negotiation.
 */
public final class Open311Writer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** A list whose XML elements are each named {@code element}. */
    public record Items(String element, List<?> values) {
        public Items {
            values = List.copyOf(values);
        }
    }

    private Open311Writer() {
    }

    /** An ordered object from alternating names and values (values may be null). */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    public static byte[] write(Open311Format format, String root, Object document) {
        return format == Open311Format.JSON ? json(document) : xml(root, document);
    }

    /** The standard's error list: {@code [{"code":400,"description":"..."}]} or {@code <errors><error>...}. */
    public static byte[] errors(Open311Format format, int code, String description) {
        return write(format, "errors", new Items("error", List.of(object("code", code, "description", description))));
    }

    private static byte[] json(Object document) {
        try {
            return JSON.writeValueAsBytes(plain(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An Open311 document could not be written as JSON", e);
        }
    }

    private static Object plain(Object node) {
        if (node instanceof Items items) {
            List<Object> values = new ArrayList<>();
            items.values().forEach(value -> values.add(plain(value)));
            return values;
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((name, value) -> values.put((String) name, plain(value)));
            return values;
        }
        return node;
    }

    private static byte[] xml(String root, Object document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter writer = XML.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            element(writer, root, document);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("An Open311 document could not be written as XML", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter writer, String name, Object node) throws XMLStreamException {
        if (node == null || node instanceof Items items && items.values().isEmpty()
                || node instanceof Map<?, ?> map && map.isEmpty()) {
            writer.writeEmptyElement(name);
            return;
        }
        writer.writeStartElement(name);
        if (node instanceof Items items) {
            for (Object value : items.values()) {
                element(writer, items.element(), value);
            }
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                element(writer, (String) entry.getKey(), entry.getValue());
            }
        } else {
            writer.writeCharacters(xmlText(String.valueOf(node)));
        }
        writer.writeEndElement();
    }

    /** XML 1.0 cannot carry most control characters at all, escaped or not: they are dropped. */
    static String xmlText(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                        || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
