package io.tagledger.api.consistency;

import io.tagledger.api.admin.Projections;
import io.tagledger.api.admin.ViewSwaps;
import io.tagledger.query.ReadsFrom;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs each query while the view it reads is not being swapped for its rebuilt tables
 * ({@link ViewSwaps}). Which view a query needs is what its handler declares ({@link ReadsFrom}),
 * read once at startup from every query handler; a handler that declares nothing, or names a view that
 * no handler class keeps, stops the startup, so that no query ever reads a view unguarded by mistake.
 */
@Component
public class ProjectionGate implements SmartInitializingSingleton {

    private final ApplicationContext context;
    private final Supplier<List<String>> views;
    private final ViewSwaps swaps;
    private final Map<Class<?>, String> readModels = new ConcurrentHashMap<>();

    @Autowired
    ProjectionGate(ApplicationContext context, Projections projections, ViewSwaps swaps) {
        this(context, projections::names, swaps);
    }

    /** @param views the views' names */
    ProjectionGate(ApplicationContext context, Supplier<List<String>> views, ViewSwaps swaps) {
        this.context = context;
        this.views = views;
        this.swaps = swaps;
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
                    if (!ReadsFrom.EVENT_STORE.equals(readsFrom.value()) && !views.get().contains(readsFrom.value())) {
                        throw new IllegalStateException("The query handler " + method + " reads " + readsFrom.value()
                                + ", which no view's handlers keep; the views are " + views.get());
                    }
                    readModels.put(method.getParameterTypes()[0], readsFrom.value());
                }
            }
        }
    }

    /** Answers the query, reading its view before or after a swap. */
    public <T> T reading(Object query, Supplier<T> answer) {
        String readModel = readModels.get(query.getClass());
        if (readModel == null) {
            throw new IllegalArgumentException("No query handler declares what it reads for " + query.getClass().getName());
        }
        return ReadsFrom.EVENT_STORE.equals(readModel) ? answer.get() : swaps.reading(readModel, answer);
    }
}
