package io.tagledger.api.config;

import io.tagledger.api.blobs.BlobStore;
import io.tagledger.api.blobs.FileBlobStore;
import io.tagledger.api.blobs.S3BlobStore;
import io.tagledger.api.settings.TagledgerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;

/** Where blobs are kept: {@code tagledger.blobs.store}, the data directory's files or an S3-compatible object store. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfig {

    @Bean
    BlobStore blobStore(TagledgerProperties properties, DataSource dataSource, PlatformTransactionManager transactionManager) throws IOException {
        TagledgerProperties.Blobs blobs = properties.blobs();
        if (blobs.store().equals("file")) {
            return new FileBlobStore(properties);
        }
        TagledgerProperties.S3 settings = blobs.s3();
        S3Client s3 = client(settings);
        try {
            s3.headBucket(request -> request.bucket(settings.bucket()));
        } catch (S3Exception | SdkClientException e) {
            throw new IllegalStateException("tagledger.blobs.s3: bucket " + settings.bucket() + " cannot be reached at "
                    + (settings.endpoint() == null ? "Amazon S3" : settings.endpoint()) + ": " + e.getMessage(), e);
        }
        return new S3BlobStore(s3, settings.bucket(), new JdbcTemplate(dataSource), new TransactionTemplate(transactionManager));
    }

    private static S3Client client(TagledgerProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // Checksums only where the API requires them: many S3-compatible stores refuse the SDK's newer trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(settings.accessKeyId() != null
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()))
                        : DefaultCredentialsProvider.builder().build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }
}
