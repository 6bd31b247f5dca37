package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.TransparencyLog;
import io.tagledger.api.transparency.Tiles;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The transparency log over HTTP, as c2sp.org/tlog-tiles lays it out under {@code /log/}: the signed
 * checkpoint, the hash tiles and the entry bundles, and the verifier key that checks them. A full tile
 * never changes, and says so; a partial tile and the checkpoint are read fresh.
 */
@RestController
@RequestMapping("/log")
@Tag(name = "transparency log", description = "The ledger as a verifiable log: checkpoints, tiles, the verifier key")
class LogController {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final TransparencyLog log;

    LogController(TransparencyLog log) {
        this.log = log;
    }

    @Operation(summary = "The latest checkpoint: a C2SP signed note of the origin, the tree size and its RFC 6962 root")
    @GetMapping(path = "/checkpoint", produces = "text/plain")
    ResponseEntity<String> checkpoint() {
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noStore()).body(log.checkpoint());
    }

    @Operation(summary = "The verifier key of the checkpoints' signatures, in the signed-note verifier key form")
    @GetMapping(path = "/verifier-key", produces = "text/plain")
    ResponseEntity<String> verifierKey() {
        return ResponseEntity.ok().contentType(TEXT).body(log.verifierKey());
    }

    @Operation(summary = "A hash tile (tile/<L>/<N>[.p/<W>]) or an entry bundle (tile/entries/<N>[.p/<W>])")
    @GetMapping(path = "/tile/**", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<byte[]> tile(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/log/".length());
        boolean full = Tiles.parse(path).map(tile -> tile.width() == Tiles.WIDTH).orElse(false);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(full ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable() : CacheControl.noStore())
                .body(log.tile(path));
    }
}
