#include "screenshot_capture.h"

#include "health_store.h"
#include "journey_chart_view.h"
#include "main_window.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

namespace wf {

ScreenshotCapture::ScreenshotCapture(MainWindow* window, QString file, double afterSimSeconds,
                                     int timeoutSeconds, const QElapsedTimer& sinceProcessStart,
                                     bool reportStartup)
    : QObject(window),
      window_(window),
      file_(std::move(file)),
      afterMs_(qint64(afterSimSeconds * 1000)),
      reportStartup_(reportStartup),
      sinceStart_(sinceProcessStart)
{
    HealthStore* store = window_->store();
    connect(store, &HealthStore::catalogChanged, this,
            [this, store] { targetMs_ = store->catalog().platformTimeMs + afterMs_; });
    connect(store, &HealthStore::samplesAppended, this, &ScreenshotCapture::onSamples);
    if (reportStartup_) {
        connect(store, &HealthStore::historyReset, this, [this] {
            window_->grab();  // the board with the platform's history, rendered
            std::printf("STARTUP history_on_screen_ms %lld\n",
                        static_cast<long long>(sinceStart_.elapsed()));
            std::fflush(stdout);
        });
    }
    QTimer::singleShot(timeoutSeconds * 1000, this, [this, timeoutSeconds] {
        if (done_)
            return;
        std::fprintf(stderr, "watchfloor: gave up after %d s waiting for simulated time to pass\n",
                     timeoutSeconds);
        QCoreApplication::exit(2);
    });
}

void ScreenshotCapture::onSamples()
{
    if (done_)
        return;
    if (reportStartup_ && !firstSampleSeen_) {
        firstSampleSeen_ = true;
        window_->store()->recompute();
        window_->grab();  // the board with the first live sample, rendered
        std::printf("STARTUP first_live_sample_ms %lld\n",
                    static_cast<long long>(sinceStart_.elapsed()));
        std::fflush(stdout);
        if (file_.isEmpty()) {
            done_ = true;
            QCoreApplication::exit(0);
            return;
        }
    }
    if (!file_.isEmpty() && targetMs_ > 0 && window_->store()->latestMs() >= targetMs_) {
        done_ = true;
        window_->store()->recompute();
        window_->chart()->refresh();
        // One more turn of the event loop so every view has caught up.
        QTimer::singleShot(300, this, &ScreenshotCapture::capture);
    }
}

void ScreenshotCapture::capture()
{
    window_->chart()->refresh();
    const QPixmap pixmap = window_->grab();
    if (!pixmap.save(file_, "PNG")) {
        std::fprintf(stderr, "watchfloor: cannot write %s\n", qPrintable(file_));
        QCoreApplication::exit(1);
        return;
    }
    std::printf("SCREENSHOT %s\n", qPrintable(file_));
    std::fflush(stdout);
    QCoreApplication::exit(0);
}

}  // namespace wf
