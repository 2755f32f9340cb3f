package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key encoding cert-manager writes reads back to the same key; anything else is refused with the file named. */
class PemFilesTest {

    @TempDir
    static Path dir;
    static TestCerts.Pair rsa;
    static TestCerts.Pair ec;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestCerts.generate(dir, "rsa", "RSA");
        ec = TestCerts.generate(dir, "ec", "EC");
    }

    static PemFiles.KeyMaterial load(String certPem, String keyPem) throws Exception {
        Path c = Files.writeString(dir.resolve("tls.crt"), certPem);
        Path k = Files.writeString(dir.resolve("tls.key"), keyPem);
        return PemFiles.load(c, k);
    }

    @Test
    void rsaKeysInPkcs8AndPkcs1() throws Exception {
        for (String keyPem : new String[] {TestCerts.pkcs8Pem(rsa.key()), TestCerts.pkcs1Pem(rsa.key())}) {
            PemFiles.KeyMaterial m = load(TestCerts.certPem(rsa.cert()), keyPem);
            assertThat(m.key().getEncoded()).as(keyPem.lines().findFirst().orElseThrow())
                    .isEqualTo(rsa.key().getEncoded());
            assertThat(m.chain()).containsExactly(rsa.cert());
        }
    }

    @Test
    void ecKeysInPkcs8AndSec1() throws Exception {
        for (String keyPem : new String[] {TestCerts.pkcs8Pem(ec.key()), TestCerts.sec1Pem(ec.key(), true)}) {
            PemFiles.KeyMaterial m = load(TestCerts.certPem(ec.cert()), keyPem);
            assertThat(((ECPrivateKey) m.key()).getS()).isEqualTo(((ECPrivateKey) ec.key()).getS());
        }
    }

    @Test
    void aChainKeepsItsOrderAndTextAroundBlocksIsIgnored() throws Exception {
        String chain = "subject=CN=leaf\n" + TestCerts.certPem(rsa.cert()) + "issuer\n" + TestCerts.certPem(ec.cert());
        assertThat(load(chain, TestCerts.pkcs1Pem(rsa.key())).chain()).containsExactly(rsa.cert(), ec.cert());
    }

    @Test
    void unusableFilesAreRefusedWithTheReason() throws Exception {
        String cert = TestCerts.certPem(rsa.cert());
        String[][] rows = {
            {cert, TestCerts.pkcs8Pem(ec.key()), "does not belong to the certificate"},
            {cert, TestCerts.sec1Pem(ec.key(), false), "names no curve"},
            {cert, TestCerts.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}), "encrypted"},
            {cert, TestCerts.pem("DSA PRIVATE KEY", new byte[] {0x30, 0}), "unsupported PEM block"},
            {cert, TestCerts.pem("RSA PRIVATE KEY", new byte[] {0x30, 0x05, 0x02}), "truncated DER"},
            {cert, TestCerts.pem("PRIVATE KEY", new byte[] {0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f}),
                "truncated DER"},
            {cert, "no key here", "no PEM private key block"},
            {cert, TestCerts.pkcs8Pem(rsa.key()) + TestCerts.pkcs1Pem(rsa.key()), "more than one private key"},
            {"nothing", TestCerts.pkcs8Pem(rsa.key()), "no PEM CERTIFICATE block"},
            {TestCerts.pem("CERTIFICATE", new byte[] {1, 2, 3}), TestCerts.pkcs8Pem(rsa.key()), "is not X.509"},
        };
        for (String[] row : rows) {
            assertThatThrownBy(() -> load(row[0], row[1])).as(row[2]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tls.").hasMessageContaining(row[2]);
        }
        Path big = dir.resolve("big.key");
        Files.write(big, new byte[PemFiles.MAX_FILE_BYTES + 1]);
        Path good = Files.writeString(dir.resolve("good.crt"), cert);
        assertThatThrownBy(() -> PemFiles.load(good, big)).hasMessageContaining("big.key").hasMessageContaining("more than");
        assertThatThrownBy(() -> PemFiles.load(dir.resolve("missing.crt"), big)).hasMessageContaining("missing.crt");
    }
}
