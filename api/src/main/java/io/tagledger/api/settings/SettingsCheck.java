package io.tagledger.api.settings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads the {@code tagledger.*} settings as soon as the environment is known, before anything starts, and
 * stops the start on any name they do not hold ({@link UnknownSettingAnalyzer} says which was meant).
 */
public final class SettingsCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder.get(environment).bind(SettingNames.PREFIX, Bindable.of(TagledgerProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    }
}
