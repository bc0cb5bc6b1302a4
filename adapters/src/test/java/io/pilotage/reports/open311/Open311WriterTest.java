package io.pilotage.reports.open311;

import static io.pilotage.reports.open311.Open311Writer.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.reports.open311.Open311Writer.Items;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class Open311WriterTest {

    private static Document xml(byte[] bytes) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    @Test
    void givenAnError_whenWrittenInBothFormats_thenTheyAreTheStandardsErrorList() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Open311Writer.errors(Open311Format.JSON, 403, "api_key was not provided"));
        Document xml = xml(Open311Writer.errors(Open311Format.XML, 403, "api_key was not provided"));

        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).path("code").asInt()).isEqualTo(403);
        assertThat(json.get(0).path("description").asText()).isEqualTo("api_key was not provided");
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("errors");
        Element error = (Element) xml.getDocumentElement().getElementsByTagName("error").item(0);
        assertThat(error.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("403");
        assertThat(error.getElementsByTagName("description").item(0).getTextContent()).isEqualTo("api_key was not provided");
    }

    @Test
    void givenTextThatXmlEscapesOrCannotHold_whenWritten_thenTheXmlParsesAndKeepsWhatItCan() throws Exception {
        byte[] bytes = Open311Writer.write(Open311Format.XML, "service_requests", new Items("request", List.of(
                object("address", "Rue <Chabot> & \"Charny\" \u0001é", "lat", 47.32, "status_notes", null))));

        Document xml = xml(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Element request = (Element) xml.getDocumentElement().getElementsByTagName("request").item(0);
        assertThat(request.getElementsByTagName("address").item(0).getTextContent()).isEqualTo("Rue <Chabot> & \"Charny\" é");
        assertThat(request.getElementsByTagName("lat").item(0).getTextContent()).isEqualTo("47.32");
        assertThat(request.getElementsByTagName("status_notes").item(0).getTextContent()).isEmpty();
    }

    @Test
    void givenAnEmptyList_whenWritten_thenJsonHasAnEmptyArrayAndXmlAnEmptyElement() throws Exception {
        Object definition = object("service_code", "pothole", "attributes", new Items("attribute", List.of()));

        JsonNode json = new ObjectMapper().readTree(Open311Writer.write(Open311Format.JSON, "service_definition", definition));
        Document xml = xml(Open311Writer.write(Open311Format.XML, "service_definition", definition));

        assertThat(json.path("attributes").isArray()).isTrue();
        assertThat(json.path("attributes")).isEmpty();
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(xml.getDocumentElement().getElementsByTagName("attributes").getLength()).isEqualTo(1);
        assertThat(xml.getDocumentElement().getElementsByTagName("attribute").getLength()).isZero();
    }
}
