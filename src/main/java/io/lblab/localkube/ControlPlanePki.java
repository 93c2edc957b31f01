package io.lblab.localkube;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The key material of a local control plane, written as PEM files: a CA, the API server's serving certificate
 * (127.0.0.1 and localhost) signed by it, and the RSA key pair that signs and verifies service-account tokens.
 */
record ControlPlanePki(Path caCert, Path servingCert, Path servingKey, Path serviceAccountKey, Path serviceAccountPublicKey,
                       String caPem) {

    static ControlPlanePki create(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
            SecureRandom random = new SecureRandom();
            KeyPair ca = rsa(2048, random);
            X500Name caName = new X500Name("CN=lblab-localkube-ca");
            X509Certificate caCert = sign(builder(caName, caName, ca, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature)), ca);
            KeyPair serving = rsa(2048, random);
            X509Certificate servingCert = sign(builder(caName, new X500Name("CN=kube-apiserver"), serving, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.dNSName, "kubernetes.default.svc")})), ca);
            KeyPair serviceAccounts = rsa(2048, random);
            String caPem = pem("CERTIFICATE", caCert.getEncoded());
            ControlPlanePki pki = new ControlPlanePki(dir.resolve("ca.crt"), dir.resolve("apiserver.crt"), dir.resolve("apiserver.key"),
                    dir.resolve("sa.key"), dir.resolve("sa.pub"), caPem);
            Files.writeString(pki.caCert(), caPem);
            Files.writeString(pki.servingCert(), pem("CERTIFICATE", servingCert.getEncoded()));
            Files.writeString(pki.servingKey(), pem("PRIVATE KEY", serving.getPrivate().getEncoded()));
            Files.writeString(pki.serviceAccountKey(), pem("PRIVATE KEY", serviceAccounts.getPrivate().getEncoded()));
            Files.writeString(pki.serviceAccountPublicKey(), pem("PUBLIC KEY", serviceAccounts.getPublic().getEncoded()));
            return pki;
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IOException("cannot create the local control plane's certificates: " + e.getMessage(), e);
        }
    }

    private static KeyPair rsa(int bits, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, random);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys, SecureRandom random) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(365))), subject, subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
