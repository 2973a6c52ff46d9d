package org.cnnexplorer.app.dev;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.cnnexplorer.app.StartupProbe;

/**
 * A developer tool: the baseline for start-up time, a bare JavaFX window of the app's size with a
 * TabPane of eight tabs and nothing else. tools/startup-time runs it beside the app.
 */
public final class BareTabsWindow {
    private BareTabsWindow() {
    }

    public static void main(String[] args) {
        // Not an Application itself, so it starts with JavaFX on the class path, like the app's jar.
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            TabPane tabs = new TabPane();
            for (int i = 1; i <= 8; i++) {
                tabs.getTabs().add(new Tab("Tab " + i, new Label("Tab " + i)));
            }
            stage.setScene(new Scene(tabs, 1280, 860));
            stage.setTitle("bare tabs");
            StartupProbe.watch(stage);
            stage.show();
        }
    }
}
