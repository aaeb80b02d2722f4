#pragma once

// --screenshot FILE --after SIM_SECONDS and --report-startup: wait until the
// platform's clock has advanced far enough since the console connected (or
// the first live sample is on screen), then render the window and exit.

#include <QElapsedTimer>
#include <QObject>

namespace wf {

class MainWindow;

class ScreenshotCapture : public QObject {
    Q_OBJECT
public:
    // file empty = only report the start-up time.
    ScreenshotCapture(MainWindow* window, QString file, double afterSimSeconds, int timeoutSeconds,
                      const QElapsedTimer& sinceProcessStart, bool reportStartup);

private:
    void onSamples();
    void capture();

    MainWindow* window_;
    QString file_;
    qint64 afterMs_;
    qint64 targetMs_ = 0;
    bool reportStartup_;
    bool firstSampleSeen_ = false;
    bool done_ = false;
    QElapsedTimer sinceStart_;
};

}  // namespace wf
