package io.sqspiietl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

class XmlElementTest {
    @Test
    void receiveMessageResponseParsesIntoMessagesWithAttributes() throws Exception {
        XmlElement root = parse("""
                <?xml version="1.0"?>
                <ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
                  <ReceiveMessageResult>
                    <Message>
                      <MessageId>m-1</MessageId>
                      <ReceiptHandle>r+1/=</ReceiptHandle>
                      <Body>{&quot;user_id&quot;: &quot;a&amp;b&quot;, &quot;x&quot;: &quot;&lt;&#xD;&quot;}</Body>
                      <Attribute><Name>SentTimestamp</Name><Value>1700000000000</Value></Attribute>
                      <Attribute><Name>ApproximateReceiveCount</Name><Value>2</Value></Attribute>
                    </Message>
                    <Message><MessageId>m-2</MessageId><Body><![CDATA[{"a": "<b>"}]]></Body></Message>
                  </ReceiveMessageResult>
                  <ResponseMetadata><RequestId>req</RequestId></ResponseMetadata>
                </ReceiveMessageResponse>
                """);

        XmlElement result = root.child("ReceiveMessageResult");
        assertThat(result.children("Message")).hasSize(2);
        XmlElement first = result.child("Message");
        assertThat(first.childText("ReceiptHandle")).isEqualTo("r+1/=");
        assertThat(first.childText("Body")).isEqualTo("{\"user_id\": \"a&b\", \"x\": \"<\r\"}");
        assertThat(QuerySqsClient.attributes(first))
                .containsExactly(java.util.Map.entry("SentTimestamp", "1700000000000"),
                        java.util.Map.entry("ApproximateReceiveCount", "2"));
        assertThat(result.children("Message").get(1).childText("Body")).isEqualTo("{\"a\": \"<b>\"}");
        assertThat(root.find("RequestId").text()).isEqualTo("req");
        assertThat(root.childText("NoSuchChild")).isNull();
    }

    @Test
    void batchFailuresKeepIdCodeAndSenderFault() throws Exception {
        XmlElement result = parse("""
                <DeleteMessageBatchResult>
                  <DeleteMessageBatchResultEntry><Id>0</Id></DeleteMessageBatchResultEntry>
                  <BatchResultErrorEntry><Id>1</Id><Code>ReceiptHandleIsInvalid</Code>
                    <Message>no</Message><SenderFault>true</SenderFault></BatchResultErrorEntry>
                </DeleteMessageBatchResult>
                """);

        var failures = QuerySqsClient.failures(result);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).id()).isEqualTo("1");
        assertThat(failures.get(0).code()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(failures.get(0).senderFault()).isTrue();
    }

    @Test
    void externalEntityIsRefusedAndNeverRead() {
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <GetQueueUrlResponse><GetQueueUrlResult><QueueUrl>&secret;</QueueUrl></GetQueueUrlResult></GetQueueUrlResponse>
                """;
        assertThatThrownBy(() -> parse(hostile)).isInstanceOf(XMLStreamException.class);
    }

    @Test
    void entityExpansionBombIsRefused() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <r>&b;</r>
                """;
        assertThatThrownBy(() -> parse(bomb)).isInstanceOf(XMLStreamException.class);
    }

    @Test
    void plainDoctypeIsRefused() {
        assertThatThrownBy(() -> parse("<!DOCTYPE r><r/>"))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void malformedAndOverlyDeepDocumentsAreRefused() {
        assertThatThrownBy(() -> parse("<a><b></a>")).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> parse("<a>".repeat(40) + "</a>".repeat(40)))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> parse("")).isInstanceOf(XMLStreamException.class);
    }

    private static XmlElement parse(String xml) throws XMLStreamException {
        return XmlElement.parse(xml.strip().getBytes(StandardCharsets.UTF_8));
    }
}
