package io.pilotage.reports.open311;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly, as UTF-8 (the standard's encoding): a broken
 * percent escape, bytes that are not UTF-8, or a name given twice are refused, where the container's own parser
 * would drop or pick a value silently. Names are quoted in errors only when they look like parameter names.
 */
final class FormBody {

    private static final Pattern SHOWABLE_NAME = Pattern.compile("[A-Za-z0-9_\\[\\]-]{1,64}");

    private FormBody() {
    }

    static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.length == 0) {
            return fields;
        }
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (fields.put(name, value) != null) {
                throw Open311Error.badRequest(show(name) + " is given more than once");
            }
        }
        return fields;
    }

    /** A parameter name as an error may quote it. */
    static String show(String name) {
        return SHOWABLE_NAME.matcher(name).matches() ? name : "a parameter";
    }

    /** Percent-decodes a component read as Latin-1 (one char per byte), then reads the bytes as strict UTF-8. */
    private static String decode(String component) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= component.length() || Character.digit(component.charAt(i + 1), 16) < 0
                        || Character.digit(component.charAt(i + 2), 16) < 0) {
                    throw Open311Error.badRequest("The body is not valid application/x-www-form-urlencoded: a '%' escape is broken");
                }
                bytes.write(Character.digit(component.charAt(i + 1), 16) * 16 + Character.digit(component.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw Open311Error.badRequest("The body is not UTF-8, as GeoReport v2 requires");
        }
    }
}
