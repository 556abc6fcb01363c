package app.mobilebackend.reference.springboot;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The application: one controller and its security, imported rather than scanned, as the archetype advises for Lambda. */
@SpringBootApplication
@Import({TodosController.class, SecurityConfiguration.class})
public class Application {
}
