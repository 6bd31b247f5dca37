package io.tagledger.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A setting the packaged service does not read stops its start, so that a misspelled key never leaves
 * the registry open; and open mode, with no identity at all, listens on this machine's loopback only.
 */
class FailClosedSettingsIT {

    @TempDir
    static Path work;

    @Test
    void aMisspelledAccessKeyOrTheNameOfAnEarlierVersionStopsTheStartSayingWhatWasMeant() throws Exception {
        try (ServiceProcess service = new ServiceProcess(work.resolve("misspelled"), work)) {
            String output = service.failToStart("--tagledger.security.acess-keys[0].id=admin",
                    "--tagledger.security.acess-keys[0].secret=admin-secret-of-some-length",
                    "--tagledger.ecr.credentials[0].access-key-id=AKIDADMIN");

            assertThat(output).contains("tagledger.security.acess-keys[0].id",
                    "is not a setting; did you mean tagledger.security.access-keys[0].id?",
                    "did you mean tagledger.security.access-keys[0].secret?",
                    "tagledger.ecr.credentials[0].access-key-id",
                    "is no longer read: it was replaced by tagledger.security.access-keys[i].id");
            assertThat(output).doesNotContain("Open mode", "Tomcat started");
        }
    }

    @Test
    void openModeListensOnTheLoopbackOnlyUnlessAnAddressIsSet() throws Exception {
        InetAddress elsewhere = nonLoopbackAddress().orElse(null);
        assumeTrue(elsewhere != null, "this machine has no network address but its loopback, so there is nowhere else to try");
        try (ServiceProcess service = new ServiceProcess(work.resolve("open"), work)) {
            service.start();

            assertThat(service.logLine("Open mode")).contains("every API is open to anyone who can reach it",
                    "listening on 127.0.0.1 only");
            assertThat(service.send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> connect(elsewhere, service.port())).isInstanceOf(IOException.class);
        }
        // Set explicitly, the address is kept: here another loopback address, since tests listen on the loopback only.
        try (ServiceProcess service = new ServiceProcess(work.resolve("open-elsewhere"), work).withAddress("127.0.0.2")) {
            service.start();

            assertThat(service.logLine("Open mode")).contains("listening on 127.0.0.2");
            connect(InetAddress.getByName("127.0.0.2"), service.port());
            assertThatThrownBy(() -> connect(InetAddress.getLoopbackAddress(), service.port())).isInstanceOf(IOException.class);
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
    }
}
