package io.kcs.cilium.rules.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificate chains and private keys as cert-manager (and openssl) write them, read with the JDK alone: a chain
 * of {@code CERTIFICATE} blocks (leaf first), and one key: {@code PRIVATE KEY} (PKCS#8, RSA or EC),
 * {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1, RFC 5915, with its curve parameters). PKCS#1 and
 * SEC1 keys are wrapped into PKCS#8 ({@code PrivateKeyInfo}, RFC 5208) with a small DER encoder, the form the JDK's
 * {@link KeyFactory} reads. Encrypted keys are refused (cert-manager never writes them).
 *
 * <p>Files larger than {@link #MAX_FILE_BYTES} are refused; every failure is an {@link IllegalArgumentException} naming
 * the file and the problem. Stateless and thread-safe.
 *
 * <pre>{@code
 * PemFiles.KeyMaterial m = PemFiles.load(Path.of("tls.crt"), Path.of("tls.key"));
 * }</pre>
 */
final class PemFiles {

    /** The largest certificate or key file read (1 MiB). */
    static final int MAX_FILE_BYTES = 1 << 20;

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** rsaEncryption, 1.2.840.113549.1.1.1. */
    private static final byte[] RSA_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {}

    /** A certificate chain (leaf first, never empty) and the leaf's private key. */
    record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {
        KeyMaterial {
            chain = List.copyOf(chain);
        }
    }

    /**
     * Reads the chain and the key and checks that the key belongs to the leaf certificate (a signature made with the
     * key verifies with the certificate's public key).
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    static KeyMaterial load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(read(certFile), certFile.toString());
        PrivateKey key = privateKey(read(keyFile), keyFile.toString());
        if (!matches(key, chain.get(0))) {
            throw new IllegalArgumentException(keyFile + ": the key does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName() + " of " + certFile);
        }
        return new KeyMaterial(chain, key);
    }

    static String read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": " + size + " bytes, more than " + MAX_FILE_BYTES);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw new IllegalArgumentException(file + ": more than " + MAX_FILE_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The CERTIFICATE blocks of {@code pem}, in order. */
    static List<X509Certificate> certificates(String pem, String source) {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory f;
        try {
            f = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("no X.509 support in this JDK", e);
        }
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE")) {
                continue;
            }
            byte[] der = base64(m.group(2), source);
            try {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | ClassCastException e) {
                throw new IllegalArgumentException(source + ": certificate " + (out.size() + 1) + " is not X.509: "
                        + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": no PEM CERTIFICATE block");
        }
        return out;
    }

    /** The one private key block of {@code pem}. */
    static PrivateKey privateKey(String pem, String source) {
        Matcher m = BLOCK.matcher(pem);
        PrivateKey key = null;
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("CERTIFICATE") || type.equals("EC PARAMETERS")) {
                continue;
            }
            if (key != null) {
                throw new IllegalArgumentException(source + ": more than one private key");
            }
            byte[] der = base64(m.group(2), source);
            key = switch (type) {
                case "PRIVATE KEY" -> pkcs8(der, source);
                case "RSA PRIVATE KEY" -> pkcs8(pkcs1ToPkcs8(der, source), source);
                case "EC PRIVATE KEY" -> pkcs8(sec1ToPkcs8(der, source), source);
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(source
                        + ": the key is encrypted; give an unencrypted key (as cert-manager writes it)");
                default -> throw new IllegalArgumentException(source + ": unsupported PEM block \"" + type
                        + "\" (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
            };
        }
        if (key == null) {
            throw new IllegalArgumentException(source + ": no PEM private key block");
        }
        return key;
    }

    private static byte[] base64(String body, String source) {
        try {
            return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid base64 in a PEM block");
        }
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        Der.Tlv info = Der.one(der, source);
        List<Der.Tlv> parts = Der.children(info, 0x30, source);
        if (parts.size() < 3) {
            throw new IllegalArgumentException(source + ": not a PKCS#8 PrivateKeyInfo");
        }
        List<Der.Tlv> algorithm = Der.children(parts.get(1), 0x30, source);
        if (algorithm.isEmpty() || algorithm.get(0).tag() != 0x06) {
            throw new IllegalArgumentException(source + ": not a PKCS#8 PrivateKeyInfo (no algorithm)");
        }
        byte[] oid = algorithm.get(0).value();
        String alg = java.util.Arrays.equals(oid, RSA_OID) ? "RSA" : java.util.Arrays.equals(oid, EC_OID) ? "EC"
                : null;
        if (alg == null) {
            throw new IllegalArgumentException(source + ": unsupported key algorithm (expected RSA or EC)");
        }
        try {
            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": invalid " + alg + " key: " + e.getMessage());
        }
    }

    /** PrivateKeyInfo { version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING { RSAPrivateKey } }. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1, String source) {
        List<Der.Tlv> fields = Der.children(Der.one(pkcs1, source), 0x30, source);
        if (fields.size() < 9 || fields.get(0).tag() != 0x02) {
            throw new IllegalArgumentException(source + ": not a PKCS#1 RSAPrivateKey");
        }
        byte[] algorithm = Der.tlv(0x30, Der.concat(Der.tlv(0x06, RSA_OID), Der.tlv(0x05, new byte[0])));
        return Der.tlv(0x30, Der.concat(Der.tlv(0x02, new byte[] {0}), algorithm, Der.tlv(0x04, pkcs1)));
    }

    /**
     * PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ecPublicKey, namedCurve }, OCTET STRING { ECPrivateKey } }
     * with the curve from the SEC1 key's {@code [0] parameters}.
     */
    static byte[] sec1ToPkcs8(byte[] sec1, String source) {
        List<Der.Tlv> fields = Der.children(Der.one(sec1, source), 0x30, source);
        if (fields.size() < 2 || fields.get(0).tag() != 0x02 || fields.get(1).tag() != 0x04) {
            throw new IllegalArgumentException(source + ": not a SEC1 ECPrivateKey");
        }
        byte[] curve = null;
        for (Der.Tlv f : fields) {
            if (f.tag() == 0xa0) {
                Der.Tlv oid = Der.one(f.value(), source);
                if (oid.tag() != 0x06) {
                    throw new IllegalArgumentException(source + ": the EC key's curve is not a named curve");
                }
                curve = oid.value();
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException(source + ": the EC key names no curve (no [0] parameters)");
        }
        byte[] algorithm = Der.tlv(0x30, Der.concat(Der.tlv(0x06, EC_OID), Der.tlv(0x06, curve)));
        return Der.tlv(0x30, Der.concat(Der.tlv(0x02, new byte[] {0}), algorithm, Der.tlv(0x04, sec1)));
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String alg = key.getAlgorithm().toUpperCase(Locale.ROOT);
        String sig = alg.equals("RSA") ? "SHA256withRSA" : alg.equals("EC") ? "SHA256withECDSA" : null;
        if (sig == null) {
            return false;
        }
        try {
            byte[] probe = "kcs-cilium-rules webhook key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(sig);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(sig);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Minimal DER: definite lengths, single-byte tags; enough for the key structures above. */
    static final class Der {

        record Tlv(int tag, byte[] value, int end) {}

        private Der() {}

        /** Exactly one TLV filling {@code der}. */
        static Tlv one(byte[] der, String source) {
            Tlv t = read(der, 0, source);
            if (t.end() != der.length) {
                throw new IllegalArgumentException(source + ": trailing bytes after the DER structure");
            }
            return t;
        }

        static Tlv read(byte[] der, int at, String source) {
            if (at + 2 > der.length) {
                throw new IllegalArgumentException(source + ": truncated DER");
            }
            int tag = der[at] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException(source + ": unsupported multi-byte DER tag");
            }
            int first = der[at + 1] & 0xff;
            int pos = at + 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 4) {
                    throw new IllegalArgumentException(source + ": unsupported DER length");
                }
                if (pos + n > der.length) {
                    throw new IllegalArgumentException(source + ": truncated DER");
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (der[pos++] & 0xff);
                }
            }
            if (length > der.length - pos) {
                throw new IllegalArgumentException(source + ": truncated DER");
            }
            int end = pos + (int) length;
            return new Tlv(tag, java.util.Arrays.copyOfRange(der, pos, end), end);
        }

        /** The TLVs inside a constructed {@code t} of tag {@code expected}. */
        static List<Tlv> children(Tlv t, int expected, String source) {
            if (t.tag() != expected) {
                throw new IllegalArgumentException(source + ": unexpected DER structure");
            }
            List<Tlv> out = new ArrayList<>();
            int at = 0;
            while (at < t.value().length) {
                Tlv c = read(t.value(), at, source);
                out.add(c);
                at = c.end();
            }
            return out;
        }

        static byte[] tlv(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
            out.write(tag);
            int n = value.length;
            if (n < 0x80) {
                out.write(n);
            } else {
                int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
                out.write(0x80 | bytes);
                for (int i = bytes - 1; i >= 0; i--) {
                    out.write((n >>> (8 * i)) & 0xff);
                }
            }
            out.writeBytes(value);
            return out.toByteArray();
        }

        static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }
}
