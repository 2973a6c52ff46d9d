package org.cnnexplorer.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop app. (Shell: being written.) */
public class ExplorerApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(ExplorerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("cnn-explorer"), 800, 600));
        stage.setTitle("cnn-explorer");
        stage.show();
    }
}
