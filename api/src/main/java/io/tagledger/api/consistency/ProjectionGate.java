package io.tagledger.api.consistency;

import io.tagledger.api.admin.Projections;
import io.tagledger.query.ReadsFrom;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query on a projection that is being rebuilt, with 503 and Retry-After, rather than
 * answering it with half the data. Which projection a query needs is what its handler declares
 * ({@link ReadsFrom}), read once at startup from every query handler; a handler that declares nothing,
 * or names a view that no handler class keeps, stops the startup, so that no query is ever gated on
 * the wrong projection, or on none by mistake.
 */
@Component
public class ProjectionGate implements SmartInitializingSingleton {

    private final ApplicationContext context;
    private final Projections projections;
    private final Map<Class<?>, String> readModels = new ConcurrentHashMap<>();

    ProjectionGate(ApplicationContext context, Projections projections) {
        this.context = context;
        this.projections = projections;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name, false);
            if (type == null) {
                continue;
            }
            for (Method method : ClassUtils.getUserClass(type).getMethods()) {
                if (method.isAnnotationPresent(QueryHandler.class) && method.getParameterCount() > 0) {
                    ReadsFrom readsFrom = method.getAnnotation(ReadsFrom.class);
                    if (readsFrom == null) {
                        throw new IllegalStateException("The query handler " + method + " does not declare what it reads (@ReadsFrom)");
                    }
                    if (!ReadsFrom.EVENT_STORE.equals(readsFrom.value()) && !projections.exists(readsFrom.value())) {
                        throw new IllegalStateException("The query handler " + method + " reads " + readsFrom.value()
                                + ", which no view's handlers keep; the views are " + projections.names());
                    }
                    readModels.put(method.getParameterTypes()[0], readsFrom.value());
                }
            }
        }
    }

    /** @throws io.tagledger.domain.RegistryException ({@code VIEWS_REBUILDING}) when the projection the query reads is being rebuilt */
    public void requireLive(Object query) {
        String readModel = readModels.get(query.getClass());
        if (readModel == null) {
            throw new IllegalArgumentException("No query handler declares what it reads for " + query.getClass().getName());
        }
        if (!ReadsFrom.EVENT_STORE.equals(readModel)) {
            projections.requireLive(readModel);
        }
    }
}
