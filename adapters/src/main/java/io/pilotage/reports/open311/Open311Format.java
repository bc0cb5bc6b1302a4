package io.pilotage.reports.open311;

import java.util.Locale;
import java.util.Optional;

/**
 * The two formats GeoReport v2 speaks, chosen by the extension of the resource ({@code services.xml}), never by the
 * {@code Accept} header: the standard says so, and a client that sends none still gets what it asked for.
 */
public enum Open311Format {
    JSON("json", "application/json; charset=utf-8", "application/json"),
    XML("xml", "text/xml; charset=utf-8", "text/xml");

    private final String extension;
    private final String contentType;
    private final String mediaType;

    Open311Format(String extension, String contentType, String mediaType) {
        this.extension = extension;
        this.contentType = contentType;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The Content-Type of an answer, UTF-8 as the standard requires. */
    public String contentType() {
        return contentType;
    }

    /** The media type discovery lists. */
    public String mediaType() {
        return mediaType;
    }

    public static Optional<Open311Format> ofExtension(String extension) {
        if (extension == null) {
            return Optional.empty();
        }
        String wanted = extension.toLowerCase(Locale.ROOT);
        for (Open311Format format : values()) {
            if (format.extension.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format an error about this path is written in: XML for a path ending in {@code .xml}, JSON otherwise. */
    public static Open311Format forErrorsOn(String path) {
        if (path == null) {
            return JSON;
        }
        int query = path.indexOf('?');
        String bare = query >= 0 ? path.substring(0, query) : path;
        return bare.toLowerCase(Locale.ROOT).endsWith(".xml") ? XML : JSON;
    }
}
