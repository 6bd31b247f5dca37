package io.tagledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** tagledger: container image repositories with ECR's tag immutability, event-sourced. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TagledgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TagledgerApplication.class, args);
    }
}
