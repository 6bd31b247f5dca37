package io.tagledger;

import io.tagledger.api.transparency.LogMonitor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;

/** tagledger: container image repositories with ECR's tag immutability, event-sourced. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TagledgerApplication {

    /** Runs the service; {@code monitor ...} runs the transparency log's monitor instead ({@link LogMonitor}). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("monitor")) {
            System.exit(LogMonitor.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.getenv()));
        }
        SpringApplication.run(TagledgerApplication.class, args);
    }
}
