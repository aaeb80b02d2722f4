#pragma once

// The guided postmortem: the sections of the write-up as steps (each marked
// empty, prefilled or written), the question each answers, and the text. The
// console prefills what it knows (summary, impact, detection, response,
// timeline); people write the rest. Typing is saved at most a second after
// the first unsaved keystroke, so a crash loses at most that second. When
// someone else saved the same section first, the conflict is shown with
// their text and a choice, never overwritten silently.

#include "incident_types.h"

#include <QWidget>
#include <functional>
#include <optional>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace wf {

class ActionItemModel;
class ActionItemsPane;
class IncidentLog;
class TaxonomyBar;
struct PostmortemSave;

class PostmortemEditor : public QWidget {
    Q_OBJECT
public:
    explicit PostmortemEditor(IncidentLog* log, QWidget* parent = nullptr);

    // Loads the incident's draft; empty sections get the console's prefill.
    void open(const Incident& incident, const QVector<TimelineEntry>& timeline,
              const QString& author);
    QString incidentId() const { return incident_.id; }
    // The incident or its timeline changed: prefilled sections nobody has
    // touched yet follow; written ones are left alone.
    void updateFacts(const Incident& incident, const QVector<TimelineEntry>& timeline);
    void setAutosaveDelayMs(int ms);
    // Figures for the Impact section from the journey metrics (the owner
    // knows where they are).
    void setImpactSource(std::function<QString(const Incident&)> source)
    {
        impactSource_ = std::move(source);
    }
    // The affected journeys' charts (incident window shaded), shown under
    // the Impact section as they will be in the exports.
    void setChartSource(std::function<QVector<QImage>(const Incident&)> source)
    {
        chartSource_ = std::move(source);
    }
    // The charts shown on the Impact step now (empty on other steps).
    QWidget* chartStrip() const { return charts_; }
    int chartsShown() const;
    void showSection(PostmortemSectionKey key);
    // The section to show when the next draft loads (a command line's
    // incidents/postmortem/impact).
    void setInitialSection(PostmortemSectionKey key) { initialSection_ = key; }
    // Saves the section being edited now (leaving it, closing).
    void saveNow();
    // Reads the draft again (changes from another console arrived). A
    // section with unsaved typing keeps it; saving it then meets the
    // newer text as a conflict.
    void reload();
    // Someone saved this section on another console while it was edited
    // here (the platform refused this console's text): theirs is shown
    // with the choice; nothing is overwritten until it is made.
    void showRemoteConflict(const PostmortemSection& theirs, const QString& mine);

    QListWidget* steps() const { return steps_; }
    QPlainTextEdit* editor() const { return editor_; }
    // The cause category / contributing factor boxes above the text.
    TaxonomyBar* taxonomy() const { return taxonomy_; }
    QLabel* saveState() const { return saveState_; }
    QLabel* conflict() const { return conflict_; }
    int emptySections() const;
    QPushButton* exportButton() const { return export_; }
    // The last step: the action items.
    ActionItemsPane* actionItems() const { return itemsPane_; }
    ActionItemModel* actionItemModel() const { return items_; }
    void showActionItems();
    // Read-only for a role that may not change incidents (`why` is shown).
    void setReadOnly(bool readOnly, const QString& why);

signals:
    // Markdown, HTML or PDF (IncidentLog::ExportFormat), after saving.
    void exportRequested(int format);
    // The choice after showRemoteConflict.
    void remoteConflictResolved(const QString& incidentId, wf::PostmortemSectionKey key,
                                bool keepMine);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Section {
        PostmortemSection stored;
        QString text;            // what the editor holds
        bool prefilled = false;  // text came from the console, not yet saved
    };
    void onLoaded(const QString& incidentId, const QVector<PostmortemSection>& sections);
    void onSaved(const PostmortemSave& save);
    void updateSteps();
    void showConflict(const PostmortemSection& theirs, const QString& where);
    void hideConflict();
    QString prefillFor(PostmortemSectionKey key) const;
    Section* current();

    IncidentLog* log_;
    Incident incident_;
    QVector<TimelineEntry> timeline_;
    QString author_;
    QVector<Section> sections_;
    int current_ = 0;
    QListWidget* steps_;
    QLabel* prompt_;
    QPlainTextEdit* editor_;
    QLabel* saveState_;
    QLabel* conflict_;
    QPushButton* keepMine_;
    QPushButton* takeTheirs_;
    QPushButton* export_;
    QTimer* autosave_;
    ActionItemModel* items_;
    ActionItemsPane* itemsPane_;
    QStackedWidget* stack_;
    TaxonomyBar* taxonomy_;
    PostmortemSection theirs_;
    bool loading_ = false;
    bool remoteConflict_ = false;  // theirs_ is on the platform, not in this file
    std::function<QString(const Incident&)> impactSource_;
    std::function<QVector<QImage>(const Incident&)> chartSource_;
    QWidget* charts_;
    std::optional<PostmortemSectionKey> initialSection_;
    QWidget* chartRow_;
    QTimer* chartsDue_;  // redraws the strip after the facts changed
    void showCharts(bool onImpact);
    bool onImpact_ = false;  // the Impact step is the one shown
};

}  // namespace wf
