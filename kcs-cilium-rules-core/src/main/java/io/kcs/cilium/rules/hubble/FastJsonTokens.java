package io.kcs.cilium.rules.hubble;

import com.fasterxml.jackson.core.JsonToken;
import io.kcs.cilium.rules.hubble.HubbleFlow.Endpoint;
import io.kcs.cilium.rules.net.IpAddress;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A JSON tokenizer for the common case of a Hubble line, straight from its UTF-8 bytes: one object of ASCII text
 * without escapes, integers of at most 18 digits, nesting at most {@value #MAX_DEPTH} deep. For such a line it yields
 * token for token what Jackson's parser ({@link HubbleFlows#FACTORY}) yields; at anything else (an escape, a byte
 * that is not ASCII, a syntax error, a long number, text after the object) it gives up with {@link GiveUp}, and the
 * line is read again by Jackson, whose diagnostics are the ones reported. So it never accepts what Jackson refuses.
 *
 * <p>With caching on (one tokenizer per {@link FlowReader}), field names, repeated texts, addresses, endpoints and
 * times read before from the same bytes are returned again instead of being built anew (bounded caches, emptied when
 * full), and the field name and string value that came last in the same place are checked first, with one compare,
 * before any scan ({@link Guesses}). All of it is used only for equal bytes, so it never changes a token. Not API;
 * mutable and not thread-safe.
 */
final class FastJsonTokens extends JsonTokens {

    /** Deepest nesting taken (Jackson's limit in {@link HubbleFlows#FACTORY} is 64). */
    static final int MAX_DEPTH = 48;

    /** Longest number text taken (Jackson's limit in {@link HubbleFlows#FACTORY} is 64). */
    static final int MAX_NUMBER_LENGTH = 48;

    /** Most digits of an integer taken: every such integer fits a {@code long}. */
    static final int MAX_INT_DIGITS = 18;

    /** Longest field name taken. */
    static final int MAX_NAME_LENGTH = 1024;

    /** Longest endpoint object remembered, in bytes. */
    static final int MAX_ENDPOINT_BYTES = 4096;

    /** What {@link #valueGuesses} holds for a value that was skipped, not read. */
    private static final Object SKIPPED = new Object();

    /** Size of the tables of guessed field names and values (a power of two). */
    static final int GUESSES = 512;

    /** Where a line leaves the common case; it is then read by Jackson. */
    static final class GiveUp extends IOException {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super("not in the fast tokenizer's subset");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    // the last four bytes of each keyword, as one little-endian int
    private static final int TRUE = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
    private static final int ALSE = 'a' | 'l' << 8 | 's' << 16 | 'e' << 24;
    private static final int NULL = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;

    private final ByteCache<String> names;
    private final ByteCache<String> texts;
    private final ByteCache<IpAddress> addresses;
    private final ObjectCache<Endpoint> endpoints;
    private final HubbleFlows.Rfc3339.Memo times;

    private byte[] b;
    private int from;
    private int pos;
    private int end;
    private int depth;
    private long objects; // bit d set when the container at depth d + 1 is an object
    private boolean opened; // the current token opened a container
    private boolean started;
    private boolean skipping;
    private JsonToken current;
    private int start; // the current string's or number's text: b[start, stop)
    private int stop;
    private long number;
    private String name;
    private int nameDepth; // the depth at which name was read
    private int nameSlot; // where name is in nameGuesses, -1 at the start of a line
    // the name that followed (the previous name's slot, its depth, the depth) last time
    private final Guesses<String> nameGuesses;
    private long namesGuessed;
    // the string value each field (by its name's slot in nameGuesses) had last time, if repeated or skipped
    private final Guesses<Object> valueGuesses;
    private Object guessedValue; // what valueGuesses gave for the current string, null when it was scanned
    private Object resolved; // what repeatedText() or address() gave last (for the memos of FlowShapes)
    private int valueSlot = -1; // where to learn the current string in valueGuesses, -1 when not to
    private long valuesGuessed;
    private long endpointsFound;
    private int endpointStart = -1; // the start of the endpoint object that knownEndpoint() did not know
    private int endpointDepth; // the depth inside that object
    private long linesGivenUp;
    private Exception lastGiveUp;
    // the shapes of lines read (null without caching), and what this line's reading tells them
    private final FlowShapes shapes;
    private boolean recording; // this line's steps go to shapes
    private boolean inEndpoint; // reading an endpoint object whole (its steps are the endpoint's)
    private int objectStart; // where the last endpoint object started
    private boolean endpointKept; // whether it is in the endpoint cache (found there, or put there)
    private int matchedEndpoint; // the length of the endpoint findEndpoint() found

    /** A tokenizer; with {@code caching}, one for many lines of one input. */
    FastJsonTokens(boolean caching) {
        names = caching ? new ByteCache<>(256, 128) : null;
        texts = caching ? new ByteCache<>(2048, 256) : null;
        addresses = caching ? new ByteCache<>(1024, 64) : null;
        endpoints = caching ? new ObjectCache<>(1024, MAX_ENDPOINT_BYTES) : null;
        times = caching ? new HubbleFlows.Rfc3339.Memo() : null;
        nameGuesses = caching ? new Guesses<>(GUESSES) : null;
        valueGuesses = caching ? new Guesses<>(GUESSES) : null;
        shapes = caching ? new FlowShapes(this) : null;
    }

    /** The shapes of the lines read, null without caching. */
    FlowShapes shapes() {
        return shapes;
    }

    /** Starts on the line {@code utf8[from, to)}. */
    FastJsonTokens reset(byte[] utf8, int from, int to) {
        this.b = utf8;
        this.from = from;
        this.pos = from;
        this.end = to;
        this.depth = 0;
        this.objects = 0;
        this.opened = false;
        this.started = false;
        this.skipping = false;
        this.current = null;
        this.name = null;
        this.nameDepth = 0;
        this.nameSlot = -1;
        this.guessedValue = null;
        this.valueSlot = -1;
        this.endpointStart = -1;
        this.inEndpoint = false;
        this.recording = shapes != null;
        if (recording) {
            shapes.startRecording();
        }
        return this;
    }

    /** Whether this line's steps were all recorded (so that its shape can be learned). */
    boolean recorded() {
        return recording;
    }

    /** Reads no shape from this line (a line {@link FlowShapes} replays). */
    void stopRecording() {
        recording = false;
    }

    /** Counts a line left to Jackson, and why (for tests). */
    void gaveUp(Exception why) {
        linesGivenUp++;
        lastGiveUp = why;
    }

    /** Endpoints found in the endpoint cache so far (for tests). */
    long endpointsFound() {
        return endpointsFound;
    }

    /** Times found to be the last time read so far (for tests). */
    long timesRemembered() {
        return times == null ? 0 : times.lastHits;
    }

    /** Times whose date and time were the last one's (another fraction or offset) so far (for tests). */
    long timePrefixesRemembered() {
        return times == null ? 0 : times.prefixHits;
    }

    /** Field string values found where they were guessed so far (for tests). */
    long valuesGuessed() {
        return valuesGuessed;
    }

    /** Field names found where they were guessed so far (for tests). */
    long namesGuessed() {
        return namesGuessed;
    }

    /** Lines left to Jackson so far. */
    long linesGivenUp() {
        return linesGivenUp;
    }

    /** Why the last line left to Jackson was, null when none was. */
    Exception lastGiveUp() {
        return lastGiveUp;
    }

    @Override
    JsonToken next() throws GiveUp {
        if (current == JsonToken.FIELD_NAME) {
            int c = space();
            return current = c == '"' && valueGuesses != null && !skipping ? fieldString() : value(c);
        }
        int c = space();
        if (depth == 0) {
            if (!started && c == '{') {
                started = true;
                return current = value(c);
            }
            if (started && c < 0) {
                return current = null;
            }
            throw new GiveUp();
        }
        boolean inObject = (objects >>> (depth - 1) & 1) != 0;
        int close = inObject ? '}' : ']';
        if (opened) {
            opened = false;
            if (c == close) {
                return close(inObject);
            }
        } else if (c == ',') {
            pos++;
            c = space();
        } else if (c == close) {
            return close(inObject);
        } else {
            throw new GiveUp();
        }
        return current = inObject ? fieldName(c) : value(c);
    }

    private JsonToken close(boolean object) {
        pos++;
        depth--;
        return current = object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }

    /** The byte at the first non-space position, -1 at the end; JSON's four spaces only. */
    private int space() {
        if (pos < end) {
            int x = b[pos] & 0xFF;
            if (x > ' ') { // the common case: no space between tokens
                return x;
            }
        }
        while (pos < end) {
            byte x = b[pos];
            if (x != ' ' && x != '\t' && x != '\n' && x != '\r') {
                return x & 0xFF;
            }
            pos++;
        }
        return -1;
    }

    private JsonToken fieldName(int c) throws GiveUp {
        if (c != '"') {
            throw new GiveUp();
        }
        int s = ++pos;
        int slot = -1;
        int key = 0;
        if (!skipping && nameGuesses != null) {
            // the name that followed the previous one (at the same depths) last time: its bytes and closing quote?
            key = (nameSlot + 1) << 16 | nameDepth << 8 | depth;
            slot = nameGuesses.slot(key);
            String guess = nameGuesses.match(slot, key, b, s, end);
            if (guess != null) {
                pos = s + nameGuesses.length(slot);
                if (space() != ':') {
                    throw new GiveUp();
                }
                pos++;
                name = guess;
                nameDepth = depth;
                nameSlot = slot;
                namesGuessed++;
                return JsonToken.FIELD_NAME;
            }
        }
        int e = string();
        if (e - s > MAX_NAME_LENGTH || space() != ':') {
            throw new GiveUp();
        }
        pos++;
        if (!skipping) {
            if (names == null) {
                name = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
            } else {
                name = names.get(b, s, e);
                if (name == null) {
                    name = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
                    names.put(name);
                }
            }
            nameDepth = depth;
            if (slot >= 0) {
                nameGuesses.learn(slot, key, name, b, s, e + 1); // with the closing quote
                nameSlot = slot;
            }
        }
        return JsonToken.FIELD_NAME;
    }

    /** Scans a string from {@link #pos} (after its opening quote): the index of its closing quote. */
    private int string() throws GiveUp {
        int k = stringEnd(b, pos, end);
        if (k < 0) {
            throw new GiveUp();
        }
        pos = k + 1;
        return k;
    }

    /**
     * The index of the closing quote of the string whose text starts at {@code b[from]} (after its opening quote),
     * not beyond {@code end}; -1 when the string holds an escape, a control byte or a byte that is not ASCII before
     * it, or has none.
     */
    static int stringEnd(byte[] b, int from, int end) {
        int i = from;
        for (; i <= end - 8; i += 8) { // eight bytes at a time up to one that is special in a string
            long w = (long) LONGS.get(b, i);
            long q = w ^ 0x2222_2222_2222_2222L; // '"'
            long e = w ^ 0x5C5C_5C5C_5C5C_5C5CL; // '\\'
            long m = ((q - ONES) & ~q | (e - ONES) & ~e | (w - 0x2020_2020_2020_2020L) & ~w | w) & HIGHS;
            if (m != 0) {
                // the lowest flag is exact (a borrow only runs upwards from a flagged byte): the first special byte
                int k = i + (Long.numberOfTrailingZeros(m) >>> 3);
                return b[k] == '"' ? k : -1;
            }
        }
        for (; i < end; i++) {
            byte x = b[i];
            if (x == '"') {
                return i;
            }
            if (x < 0x20 || x == '\\') { // also every byte of a non-ASCII character (negative)
                return -1;
            }
        }
        return -1;
    }

    /**
     * The string value of the field just named, at {@link #pos}: checked against the value it had last time (a
     * repeated text or a skipped one), else scanned; {@link #valueSlot} is then where to learn it.
     */
    private JsonToken fieldString() throws GiveUp {
        opened = false;
        int s = pos + 1;
        int key = nameSlot + 1;
        int slot = valueGuesses.slot(key);
        Object guess = valueGuesses.match(slot, key, b, s, end);
        start = s;
        if (guess != null) {
            pos = s + valueGuesses.length(slot);
            stop = pos - 1;
            guessedValue = guess;
            valueSlot = -1;
            valuesGuessed++;
        } else {
            pos = s;
            stop = string();
            guessedValue = null;
            valueSlot = slot;
        }
        return JsonToken.VALUE_STRING;
    }

    private JsonToken value(int c) throws GiveUp {
        opened = false;
        guessedValue = null;
        valueSlot = -1;
        switch (c) {
            case '{':
            case '[':
                if (depth == MAX_DEPTH) {
                    throw new GiveUp();
                }
                if (c == '{') {
                    objects |= 1L << depth;
                } else {
                    objects &= ~(1L << depth);
                }
                depth++;
                pos++;
                opened = true;
                return c == '{' ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
            case '"':
                start = ++pos;
                stop = string();
                return JsonToken.VALUE_STRING;
            case 't':
                keyword(4, TRUE);
                return JsonToken.VALUE_TRUE;
            case 'f':
                keyword(5, ALSE);
                return JsonToken.VALUE_FALSE;
            case 'n':
                keyword(4, NULL);
                return JsonToken.VALUE_NULL;
            default:
                return number(c);
        }
    }

    /** The keyword of {@code n} bytes at {@link #pos} whose last four bytes are {@code last4} (its first is known). */
    private void keyword(int n, int last4) throws GiveUp {
        if (end - pos < n || (int) INTS.get(b, pos + n - 4) != last4) {
            throw new GiveUp();
        }
        pos += n;
        delimiter();
    }

    /** What follows a number or keyword must end it: a space, a comma, a closing bracket, or the end. */
    private void delimiter() throws GiveUp {
        if (pos < end) {
            byte x = b[pos];
            if (x != ',' && x != '}' && x != ']' && x != ' ' && x != '\t' && x != '\r' && x != '\n') {
                throw new GiveUp();
            }
        }
    }

    private JsonToken number(int c) throws GiveUp {
        int s = pos;
        int i = pos;
        boolean negative = c == '-';
        if (negative) {
            i++;
        }
        int digits = i;
        if (i < end && b[i] == '0') {
            i++;
            if (i < end && digit(b[i])) {
                throw new GiveUp(); // a leading zero
            }
        } else {
            while (i < end && digit(b[i])) {
                i++;
            }
            if (i == digits) {
                throw new GiveUp(); // not a value at all, or "-" alone
            }
        }
        int intEnd = i;
        boolean fraction = false;
        if (i < end && b[i] == '.') {
            int f = ++i;
            while (i < end && digit(b[i])) {
                i++;
            }
            if (i == f) {
                throw new GiveUp();
            }
            fraction = true;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int f = i;
            while (i < end && digit(b[i])) {
                i++;
            }
            if (i == f) {
                throw new GiveUp();
            }
            fraction = true;
        }
        if (i - s > MAX_NUMBER_LENGTH) {
            throw new GiveUp();
        }
        pos = i;
        delimiter();
        start = s;
        stop = i;
        if (fraction) {
            return JsonToken.VALUE_NUMBER_FLOAT;
        }
        if (intEnd - digits > MAX_INT_DIGITS) {
            throw new GiveUp();
        }
        long v = 0;
        for (int k = digits; k < intEnd; k++) {
            v = v * 10 + (b[k] - '0');
        }
        number = negative ? -v : v;
        return JsonToken.VALUE_NUMBER_INT;
    }

    /** The index of the first {@code '\n'} in {@code b[from, to)}, {@code to} when there is none. */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            long w = (long) LONGS.get(b, i) ^ 0x0A0A_0A0A_0A0A_0A0AL;
            long m = (w - ONES) & ~w & HIGHS;
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3); // the lowest flag is exact
            }
        }
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean digit(byte x) {
        return x >= '0' && x <= '9';
    }

    @Override
    String name() {
        return name;
    }

    @Override
    String text() {
        return new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    String repeatedText() {
        if (texts == null) {
            return text();
        }
        if (guessedValue instanceof String g && current == JsonToken.VALUE_STRING) {
            resolved = g;
            return g;
        }
        String s = texts.get(b, start, stop);
        if (s == null) {
            s = HubbleFlows.canonical(text());
            texts.put(s);
        }
        learnValue(s);
        resolved = s;
        return s;
    }

    /** After a field's string value was scanned: learns it as what the field holds ({@link #SKIPPED} when unread). */
    private void learnValue(Object value) {
        if (valueSlot >= 0 && current == JsonToken.VALUE_STRING) {
            valueGuesses.learn(valueSlot, nameSlot + 1, value, b, start, stop + 1); // with the closing quote
        }
        valueSlot = -1;
    }

    @Override
    IpAddress address() {
        if (guessedValue instanceof IpAddress g) { // only from a replay's memo: the address these bytes gave
            resolved = g;
            return g;
        }
        IpAddress a = addresses == null ? null : addresses.get(b, start, stop);
        if (a == null) {
            try {
                a = IpAddress.parse(text());
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (addresses != null) {
                addresses.put(a);
            }
        }
        resolved = a;
        return a;
    }

    @Override
    Instant time() {
        return HubbleFlows.Rfc3339.parse(b, start, stop, times);
    }

    @Override
    long longValue() {
        return number;
    }

    @Override
    boolean bigInteger() {
        return false;
    }

    @Override
    void skipChildren() throws GiveUp {
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            learnValue(SKIPPED);
            valueStep(HubbleFlows.LineParser.A_SKIP, 0);
            return;
        }
        int outer = depth - 1;
        skipping = true;
        while (depth > outer) {
            JsonToken t = next();
            if (recording && t != JsonToken.FIELD_NAME && t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY
                    && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY && t != JsonToken.VALUE_NULL) {
                valueStep(HubbleFlows.LineParser.A_SKIP, 0); // a skipped value may differ from line to line
            }
        }
        skipping = false;
    }

    @Override
    void valueStep(int action, int arg) {
        if (!recording || inEndpoint) {
            return;
        }
        if (current == JsonToken.VALUE_STRING) {
            shapes.record(FlowShapes.STRING, start, stop + 1, action, arg);
        } else if (current == JsonToken.VALUE_NUMBER_INT) {
            shapes.record(FlowShapes.INT, start, stop, action, arg);
        } else if (current == JsonToken.VALUE_TRUE) {
            shapes.record(FlowShapes.BOOL, pos - 4, pos, action, arg);
        } else if (current == JsonToken.VALUE_FALSE) {
            shapes.record(FlowShapes.BOOL, pos - 5, pos, action, arg);
        } else {
            recording = false; // a decimal number, or a value read as a whole object (a time as seconds and nanos)
        }
    }

    @Override
    void markStep(int action, int arg) {
        if (recording && !inEndpoint) {
            shapes.record(FlowShapes.NONE, pos, pos, action, arg);
        }
    }

    @Override
    void endpointStep(int which) {
        if (!recording) {
            return;
        }
        if (endpointKept && !inEndpoint && current == JsonToken.END_OBJECT) {
            shapes.record(FlowShapes.ENDPOINT, objectStart, pos, HubbleFlows.LineParser.A_ENDPOINT, which);
        } else {
            recording = false; // not in the cache, so no later line can find it there
        }
    }

    @Override
    void unreplayable() {
        recording = false;
    }

    /**
     * For a replayed line: the current token is {@code t} with the text {@code b[start, stop)} (and value);
     * {@code memo} is what {@link #repeatedText()} or {@link #address()} gave for the same bytes before, or null.
     */
    void replayValue(JsonToken t, int start, int stop, long number, Object memo) {
        this.current = t;
        this.start = start;
        this.stop = stop;
        this.number = number;
        this.guessedValue = memo;
        this.valueSlot = -1;
        this.resolved = null;
    }

    /** What {@link #repeatedText()} or {@link #address()} gave since the last {@link #replayValue}, or null. */
    Object resolved() {
        return resolved;
    }

    /**
     * For a replayed line: the endpoint remembered for the object at {@code b[at, to)}, null when none is;
     * {@link #matchedEndpoint()} is then the length of its text.
     */
    Endpoint findEndpoint(int at, int to) {
        if (endpoints == null) {
            return null;
        }
        Endpoint e = endpoints.find(b, at, to);
        if (e != null) {
            matchedEndpoint = endpoints.matchedLength();
            endpointsFound++;
        }
        return e;
    }

    /**
     * For a replayed line: starts on the object at {@code b[at, to)} as if the line were that (no steps recorded),
     * and gives its first token.
     */
    JsonToken startObject(int at, int to) throws GiveUp {
        reset(b, at, to);
        recording = false;
        return next();
    }

    /** The current position in the line. */
    int position() {
        return pos;
    }

    /** Counts an endpoint remembered elsewhere (a step of {@link FlowShapes}) as found (for tests). */
    void countEndpointFound() {
        endpointsFound++;
    }

    /** The length of the text of the endpoint {@link #findEndpoint} found last. */
    int matchedEndpoint() {
        return matchedEndpoint;
    }

    /** The remembered bytes of the endpoint {@link #findEndpoint} found last. */
    byte[] matchedEndpointBytes() {
        return endpoints.matchedKey();
    }

    @Override
    int column() {
        return pos - from + 1;
    }

    @Override
    Endpoint knownEndpoint() {
        endpointStart = -1;
        endpointKept = false;
        if (endpoints == null || current != JsonToken.START_OBJECT) {
            return null;
        }
        int s = pos - 1;
        objectStart = s;
        Endpoint known = endpoints.find(b, s, end);
        if (known != null) {
            endpointKept = true;
            endpointsFound++;
            // these bytes were read whole as this endpoint before, and an object ends at its own closing brace
            pos = s + endpoints.matchedLength();
            depth--;
            opened = false;
            current = JsonToken.END_OBJECT;
            return known;
        }
        endpointStart = s;
        endpointDepth = depth;
        inEndpoint = true;
        return null;
    }

    @Override
    void rememberEndpoint(Endpoint e) {
        if (endpointStart >= 0 && current == JsonToken.END_OBJECT && depth == endpointDepth - 1) {
            endpointKept = endpoints.put(b, endpointStart, pos, e);
        }
        endpointStart = -1;
        inEndpoint = false;
    }
}
