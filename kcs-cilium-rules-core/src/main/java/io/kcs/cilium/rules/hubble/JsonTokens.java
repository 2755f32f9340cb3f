package io.kcs.cilium.rules.hubble;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kcs.cilium.rules.hubble.HubbleFlow.Endpoint;
import io.kcs.cilium.rules.net.IpAddress;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON tokens of one line as {@link HubbleFlows}' line reader consumes them: Jackson's streaming parser
 * ({@link Jackson}), or the tokenizer for the common case ({@link FastJsonTokens}), which yields the same tokens for
 * the lines it takes and gives up on the others. Not API; not thread-safe.
 */
abstract class JsonTokens {

    /** The next token, null at the end of the input (as {@link JsonParser#nextToken()}). */
    abstract JsonToken next() throws IOException;

    /** The name of the current field (after {@link JsonToken#FIELD_NAME} and for its value). */
    abstract String name() throws IOException;

    /** The text of the current string (or number) token. */
    abstract String text() throws IOException;

    /** As {@link #text()}, for text that is likely to repeat in later lines (labels, names, enum values). */
    String repeatedText() throws IOException {
        return text();
    }

    /** The current string as an IP address, null when it is not one. */
    abstract IpAddress address() throws IOException;

    /** The current string as an RFC 3339 time, null when it is not one. */
    Instant time() throws IOException {
        return HubbleFlows.Rfc3339.parse(text());
    }

    /** The value of the current integer token; only when it is not a big integer. */
    abstract long longValue() throws IOException;

    /** Whether the current integer token needs more than 64 bits. */
    abstract boolean bigInteger() throws IOException;

    /** Skips the object or array that the current token starts (nothing for other tokens). */
    abstract void skipChildren() throws IOException;

    /** The 1-based column of the current position, for messages. */
    abstract int column();

    /**
     * At the {@link JsonToken#START_OBJECT} of an endpoint: the endpoint read earlier from the same bytes, the
     * object then being consumed (the current token is its {@link JsonToken#END_OBJECT}); null otherwise.
     */
    Endpoint knownEndpoint() {
        return null;
    }

    /** After reading the endpoint object whose start {@link #knownEndpoint()} saw: remembers it. */
    void rememberEndpoint(Endpoint e) {
    }

    /**
     * Tells a tokenizer that learns the shapes of lines ({@link FlowShapes}) that the line reader applied action
     * {@code action} (see {@code HubbleFlows.LineParser}) to the current value token. Nothing by default.
     */
    void valueStep(int action, int arg) {
    }

    /** As {@link #valueStep} for an action that reads no value, at the current position. Nothing by default. */
    void markStep(int action, int arg) {
    }

    /** As {@link #valueStep} for the endpoint object just read ({@code which}: 0 source, 1 destination). */
    void endpointStep(int which) {
    }

    /** Tells a tokenizer that learns shapes that this line is read in a way no shape can repeat. */
    void unreplayable() {
    }

    /** Jackson's streaming parser. */
    static final class Jackson extends JsonTokens {
        private final JsonParser p;

        Jackson(JsonParser p) {
            this.p = p;
        }

        @Override
        JsonToken next() throws IOException {
            return p.nextToken();
        }

        @Override
        String name() throws IOException {
            return p.currentName();
        }

        @Override
        String text() throws IOException {
            return p.getText();
        }

        @Override
        IpAddress address() throws IOException {
            try {
                return IpAddress.parse(p.getText());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        long longValue() throws IOException {
            return p.getLongValue();
        }

        @Override
        boolean bigInteger() throws IOException {
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
        }

        @Override
        void skipChildren() throws IOException {
            p.skipChildren();
        }

        @Override
        int column() {
            return p.currentLocation().getColumnNr();
        }
    }
}
