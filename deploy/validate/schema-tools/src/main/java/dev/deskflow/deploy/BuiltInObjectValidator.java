package dev.deskflow.deploy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.util.ModelMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Validates built-in Kubernetes objects without a cluster, using the models of the official
 * Kubernetes Java client. Each model is generated from the Kubernetes OpenAPI document and rejects
 * unknown fields, missing required fields and values of the wrong type.
 *
 * <p>Reads a JSON array of objects on standard input and prints a JSON array with one entry per
 * object: {@code {"index": n, "error": null | "message"}}. Exits 0 when the input could be read,
 * whatever the objects contain, and 2 when it could not.
 */
public final class BuiltInObjectValidator {

  private static final String MODELS_PACKAGE = "io.kubernetes.client.openapi.models";

  private BuiltInObjectValidator() {}

  public static void main(String[] args) throws IOException {
    JsonArray objects;
    try (Reader input = new InputStreamReader(System.in, StandardCharsets.UTF_8)) {
      objects = JsonParser.parseReader(input).getAsJsonArray();
    } catch (JsonParseException | IllegalStateException error) {
      System.err.println("invalid input: expected a JSON array of Kubernetes objects: " + error.getMessage());
      System.exit(2);
      return;
    }

    JsonArray results = new JsonArray();
    for (int index = 0; index < objects.size(); index++) {
      JsonObject result = new JsonObject();
      result.addProperty("index", index);
      result.addProperty("error", validate(objects.get(index)));
      results.add(result);
    }
    System.out.println(results);
  }

  /** Returns null when the object is valid, else the first problem found. */
  static String validate(JsonElement element) {
    if (!element.isJsonObject()) {
      return "not an object";
    }
    JsonObject object = element.getAsJsonObject();
    String apiVersion = stringField(object, "apiVersion");
    String kind = stringField(object, "kind");
    if (apiVersion == null || kind == null) {
      return "missing apiVersion or kind";
    }

    Class<?> model = ModelMapper.getApiTypeClass(apiVersion, kind);
    // Kinds the client does not know map to its dynamic object, which has nothing to check against.
    if (model == null || !model.getPackageName().equals(MODELS_PACKAGE)) {
      return "unknown apiVersion/kind " + apiVersion + "/" + kind + " in Kubernetes 1.32";
    }

    try {
      Method validateJson = model.getMethod("validateJsonElement", JsonElement.class);
      validateJson.invoke(null, object);
      // Deserialising checks what validateJsonElement leaves out: numbers, quantities, int-or-string.
      new JSON().getGson().fromJson(object, model);
    } catch (InvocationTargetException error) {
      return withoutJsonDump(error.getCause().getMessage());
    } catch (RuntimeException error) {
      // Gson, Quantity and IntOrString parsing raise assorted unchecked exceptions on bad values.
      return withoutJsonDump(error.getMessage());
    } catch (ReflectiveOperationException error) {
      return "model " + model.getName() + " has no validateJsonElement: " + error;
    }

    return null;
  }

  private static String stringField(JsonObject object, String name) {
    JsonElement value = object.get(name);

    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  // The client's messages end with the whole offending object, which buries the field name.
  private static String withoutJsonDump(String message) {
    if (message == null) {
      return "invalid object";
    }
    int dump = message.indexOf(" JSON: ");

    return dump < 0 ? message : message.substring(0, dump);
  }
}
