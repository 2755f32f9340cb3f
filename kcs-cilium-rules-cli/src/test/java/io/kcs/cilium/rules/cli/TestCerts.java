package io.kcs.cilium.rules.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for 127.0.0.1 made in the test with the JDK's keytool (no BouncyCastle), and the PEM and
 * DER encodings the webhook reads, written here independently of {@link PemFiles}.
 */
final class TestCerts {

    record Pair(X509Certificate cert, PrivateKey key) {}

    private TestCerts() {}

    /** A self-signed certificate with SAN ip:127.0.0.1 and its key ("RSA" 2048 or "EC" secp256r1). */
    static Pair generate(Path dir, String name, String algorithm) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", "k",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keyalg", algorithm));
        if (algorithm.equals("EC")) {
            cmd.addAll(List.of("-groupname", "secp256r1"));
        } else {
            cmd.addAll(List.of("-keysize", "2048"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return new Pair((X509Certificate) ks.getCertificate("k"), (PrivateKey) ks.getKey("k",
                "changeit".toCharArray()));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static String certPem(X509Certificate c) throws Exception {
        return pem("CERTIFICATE", c.getEncoded());
    }

    /** The key as PKCS#8 PEM (what {@link PrivateKey#getEncoded()} gives). */
    static String pkcs8Pem(PrivateKey k) {
        return pem("PRIVATE KEY", k.getEncoded());
    }

    /** The RSA key as PKCS#1 PEM: the privateKey OCTET STRING inside the PKCS#8 structure. */
    static String pkcs1Pem(PrivateKey k) {
        return pem("RSA PRIVATE KEY", pkcs8Inner(k.getEncoded()));
    }

    /**
     * The EC key as SEC1 PEM with its named curve: ECPrivateKey { 1, privateKey, [0] curve OID } (RFC 5915), built
     * from the PKCS#8 structure (its algorithm parameters are the curve OID).
     */
    static String sec1Pem(PrivateKey k, boolean withCurve) {
        byte[] der = k.getEncoded();
        // PrivateKeyInfo: SEQUENCE { INTEGER 0, SEQUENCE { OID ecPublicKey, OID curve }, OCTET STRING ECPrivateKey }
        int[] outer = header(der, 0);
        int at = outer[0];
        int[] version = header(der, at);
        at = version[0] + version[1];
        int[] alg = header(der, at);
        int algEnd = alg[0] + alg[1];
        int[] oid1 = header(der, alg[0]);
        int curveAt = oid1[0] + oid1[1];
        byte[] curveTlv = java.util.Arrays.copyOfRange(der, curveAt, algEnd);
        byte[] inner = pkcs8Inner(der);
        // inner: SEQUENCE { INTEGER 1, OCTET STRING d, ... } -- keep version and d, then add [0] curve
        int[] seq = header(inner, 0);
        int[] v = header(inner, seq[0]);
        int[] d = header(inner, v[0] + v[1]);
        byte[] versionAndKey = java.util.Arrays.copyOfRange(inner, seq[0], d[0] + d[1]);
        byte[] body = withCurve ? concat(versionAndKey, tlv(0xa0, curveTlv)) : versionAndKey;
        return pem("EC PRIVATE KEY", tlv(0x30, body));
    }

    private static byte[] pkcs8Inner(byte[] der) {
        int[] outer = header(der, 0);
        int at = outer[0];
        for (int i = 0; i < 2; i++) {   // skip version and algorithm
            int[] h = header(der, at);
            at = h[0] + h[1];
        }
        int[] octets = header(der, at);
        return java.util.Arrays.copyOfRange(der, octets[0], octets[0] + octets[1]);
    }

    /** {content offset, content length} of the TLV at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int len = der[at + 1] & 0xff;
        int pos = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[pos++] & 0xff);
            }
        }
        return new int[] {pos, len};
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (value.length < 128) {
            out.write(value.length);
        } else if (value.length < 256) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A client TLS context trusting exactly {@code certs}. */
    static SSLContext trusting(X509Certificate... certs) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (int i = 0; i < certs.length; i++) {
            ks.setCertificateEntry("c" + i, certs[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
