#include "postmortem_editor.h"

#include "action_item_model.h"
#include "action_items_pane.h"
#include "incident_log.h"
#include "postmortem_prefill.h"
#include "taxonomy_bar.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace wf {

namespace {

// Root cause and contributing factors are written against the taxonomy.
TaxonomyBar::Mode taxonomyMode(PostmortemSectionKey key)
{
    switch (key) {
        case PostmortemSectionKey::RootCause: return TaxonomyBar::Mode::Cause;
        case PostmortemSectionKey::ContributingFactors: return TaxonomyBar::Mode::Factors;
        default: return TaxonomyBar::Mode::Hidden;
    }
}

}  // namespace

PostmortemEditor::PostmortemEditor(IncidentLog* log, QWidget* parent)
    : QWidget(parent),
      log_(log),
      steps_(new QListWidget(this)),
      prompt_(new QLabel(this)),
      editor_(new QPlainTextEdit(this)),
      saveState_(new QLabel(this)),
      conflict_(new QLabel(this)),
      keepMine_(new QPushButton(tr("Keep mine"), this)),
      takeTheirs_(new QPushButton(tr("Take theirs"), this)),
      export_(new QPushButton(tr("E&xport…"), this)),
      autosave_(new QTimer(this)),
      items_(new ActionItemModel(this)),
      itemsPane_(new ActionItemsPane(items_, this)),
      stack_(new QStackedWidget(this)),
      taxonomy_(new TaxonomyBar(editor_, this)),
      charts_(new QScrollArea(this)),
      chartRow_(new QWidget),
      chartsDue_(new QTimer(this))
{
    setObjectName(QStringLiteral("postmortemEditor"));
    steps_->setObjectName(QStringLiteral("postmortemSteps"));
    editor_->setObjectName(QStringLiteral("postmortemText"));
    saveState_->setObjectName(QStringLiteral("postmortemSaveState"));
    conflict_->setObjectName(QStringLiteral("postmortemConflict"));
    keepMine_->setObjectName(QStringLiteral("keepMine"));
    takeTheirs_->setObjectName(QStringLiteral("takeTheirs"));
    prompt_->setWordWrap(true);
    prompt_->setStyleSheet(QStringLiteral("color:#9a9fa8"));
    saveState_->setStyleSheet(QStringLiteral("color:#9a9fa8"));
    conflict_->setWordWrap(true);
    conflict_->setStyleSheet(QStringLiteral("color:#e0b04a; font-weight:bold"));
    steps_->setMaximumWidth(300);
    steps_->setWordWrap(true);
    steps_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (QWidget* w : std::initializer_list<QWidget*>{conflict_, keepMine_, takeTheirs_})
        w->hide();
    autosave_->setSingleShot(true);
    autosave_->setInterval(1000);

    auto* conflictRow = new QHBoxLayout;
    conflictRow->addWidget(conflict_, 1);
    conflictRow->addWidget(keepMine_);
    conflictRow->addWidget(takeTheirs_);
    auto* right = new QVBoxLayout;
    right->addWidget(prompt_);
    right->addLayout(conflictRow);
    right->addWidget(taxonomy_);
    stack_->addWidget(editor_);
    stack_->addWidget(itemsPane_);
    right->addWidget(stack_, 1);
    auto* scroll = static_cast<QScrollArea*>(charts_);
    scroll->setObjectName(QStringLiteral("postmortemCharts"));
    new QHBoxLayout(chartRow_);
    chartRow_->layout()->setContentsMargins(0, 0, 0, 0);
    scroll->setWidget(chartRow_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumHeight(150);
    scroll->hide();
    right->addWidget(charts_);
    // Charts of an incident still open follow the data as it arrives.
    auto* chartRefresh = new QTimer(this);
    chartRefresh->setInterval(20'000);
    connect(chartRefresh, &QTimer::timeout, this, [this] {
        if (onImpact_ && isVisible())
            showCharts(true);  // also the first data after a start without any
    });
    chartRefresh->start();
    chartsDue_->setSingleShot(true);
    chartsDue_->setInterval(1000);
    connect(chartsDue_, &QTimer::timeout, this, [this] {
        if (onImpact_)
            showCharts(true);
    });
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(saveState_, 1);
    bottom->addWidget(export_);
    right->addLayout(bottom);
    export_->setObjectName(QStringLiteral("postmortemExport"));
    auto* formats = new QMenu(export_);
    const QStringList names{tr("Markdown"), tr("HTML"), tr("PDF")};
    for (int f = 0; f < names.size(); ++f)
        connect(formats->addAction(names[f]), &QAction::triggered, this, [this, f] {
            saveNow();  // queued before the export on the same thread
            emit exportRequested(f);
        });
    export_->setMenu(formats);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(steps_);
    layout->addLayout(right, 1);

    connect(log_, &IncidentLog::postmortemLoaded, this, &PostmortemEditor::onLoaded);
    connect(log_, &IncidentLog::sectionSaved, this, &PostmortemEditor::onSaved);
    connect(log_, &IncidentLog::actionItemsLoaded, this,
            [this](const QString& id, const QVector<ActionItem>& items) {
                if (id != incident_.id)
                    return;
                items_->setItems(id, items);
                updateSteps();
            });
    connect(itemsPane_, &ActionItemsPane::addRequested, log_, &IncidentLog::addActionItem);
    connect(itemsPane_, &ActionItemsPane::updateRequested, log_, &IncidentLog::updateActionItem);
    connect(itemsPane_, &ActionItemsPane::removeRequested, log_, &IncidentLog::removeActionItem);
    connect(steps_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (loading_ || row < 0 || row > sections_.size() || row == current_)
            return;
        saveNow();
        current_ = row;
        if (row == sections_.size()) {  // the action items
            stack_->setCurrentWidget(itemsPane_);
            prompt_->setText(
                tr("What will be done so this does not happen again, or is found "
                   "and fixed faster: each with an owner, a due date, a priority "
                   "and a type (prevent, detect, mitigate)."));
            hideConflict();
            taxonomy_->setMode(TaxonomyBar::Mode::Hidden);
            showCharts(false);
            return;
        }
        stack_->setCurrentWidget(editor_);
        loading_ = true;
        editor_->setPlainText(sections_[row].text);
        loading_ = false;
        prompt_->setText(postmortemPrompt(sections_[row].stored.key));
        taxonomy_->setMode(taxonomyMode(sections_[row].stored.key));
        showCharts(sections_[row].stored.key == PostmortemSectionKey::Impact);
        for (QWidget* w : std::initializer_list<QWidget*>{conflict_, keepMine_, takeTheirs_})
            w->hide();
    });
    connect(editor_, &QPlainTextEdit::textChanged, this, [this] {
        Section* s = current();
        if (loading_ || !s)
            return;
        s->text = editor_->toPlainText();
        // Saved at most one interval after the first unsaved keystroke:
        // typing without a pause still saves every second.
        if (!autosave_->isActive())
            autosave_->start();
        saveState_->setText(tr("Saving…"));
    });
    connect(autosave_, &QTimer::timeout, this, &PostmortemEditor::saveNow);
    connect(keepMine_, &QPushButton::clicked, this, [this] {
        Section* s = current();
        if (s && remoteConflict_) {
            saveNow();  // the latest keystrokes first, then send it over theirs
            emit remoteConflictResolved(incident_.id, theirs_.key, true);
        } else if (s) {
            // Save over theirs, knowingly: from their revision.
            s->stored = theirs_;
            s->prefilled = false;
            log_->savePostmortemSection(incident_.id, s->stored.key, s->text, theirs_.revision,
                                        author_);
        }
        hideConflict();
    });
    connect(takeTheirs_, &QPushButton::clicked, this, [this] {
        if (Section* s = current()) {
            if (remoteConflict_) {
                autosave_->stop();
                emit remoteConflictResolved(incident_.id, theirs_.key, false);
                // The sync writes theirs to the file; the reload that follows
                // brings its revision.
                s->stored.text = theirs_.text;
            } else {
                s->stored = theirs_;
            }
            s->text = theirs_.text;
            loading_ = true;
            editor_->setPlainText(s->text);
            editor_->moveCursor(QTextCursor::End);  // to go on writing after theirs
            loading_ = false;
            updateSteps();
        }
        hideConflict();
    });
}

void PostmortemEditor::setAutosaveDelayMs(int ms)
{
    autosave_->setInterval(ms);
}

void PostmortemEditor::open(const Incident& incident, const QVector<TimelineEntry>& timeline,
                            const QString& author)
{
    if (!incident_.id.isEmpty() && incident_.id != incident.id)
        saveNow();
    incident_ = incident;
    timeline_ = timeline;
    author_ = author;
    itemsPane_->setIncidentId(incident.id);
    items_->setItems(incident.id, {});
    log_->loadPostmortem(incident.id);
    log_->loadActionItems(incident.id);
}

void PostmortemEditor::updateFacts(const Incident& incident, const QVector<TimelineEntry>& timeline)
{
    if (incident.id != incident_.id)
        return;
    incident_ = incident;
    timeline_ = timeline;
    if (onImpact_)
        chartsDue_->start();  // the window and the data moved on (once for a burst of entries)
    for (int i = 0; i < sections_.size(); ++i) {
        Section& s = sections_[i];
        if (!s.prefilled)
            continue;
        s.text = prefillFor(s.stored.key);
        if (i == current_ && !autosave_->isActive()) {
            loading_ = true;
            editor_->setPlainText(s.text);
            loading_ = false;
        }
    }
    updateSteps();
}

PostmortemEditor::Section* PostmortemEditor::current()
{
    return current_ >= 0 && current_ < sections_.size() ? &sections_[current_] : nullptr;
}

void PostmortemEditor::onLoaded(const QString& incidentId,
                                const QVector<PostmortemSection>& sections)
{
    if (incidentId != incident_.id)
        return;
    QHash<int, Section> unsaved;  // typing not saved yet survives a reload
    for (const Section& s : std::as_const(sections_))
        if (!s.prefilled && s.text != s.stored.text)
            unsaved.insert(int(s.stored.key), s);
    sections_.clear();
    for (const PostmortemSection& p : sections) {
        if (unsaved.contains(int(p.key)) && unsaved[int(p.key)].stored.incidentId == incidentId) {
            sections_.append(unsaved[int(p.key)]);
            continue;
        }
        Section s;
        s.stored = p;
        s.text = p.text;
        if (p.revision == 0 && p.text.isEmpty()) {
            s.text = prefillFor(p.key);
            s.prefilled = !s.text.isEmpty();
        }
        sections_.append(s);
    }
    if (initialSection_) {  // asked for before the draft was loaded
        for (int i = 0; i < sections_.size(); ++i)
            if (sections_[i].stored.key == *initialSection_)
                current_ = i;
        initialSection_.reset();
    }
    current_ = std::clamp(current_, 0, int(sections_.size()));  // the last: action items
    loading_ = true;
    updateSteps();
    steps_->setCurrentRow(current_);
    if (Section* s = current()) {
        if (editor_->toPlainText() != s->text)  // a reload keeps the cursor where it is
            editor_->setPlainText(s->text);
        prompt_->setText(postmortemPrompt(s->stored.key));
        taxonomy_->setMode(taxonomyMode(s->stored.key));
        showCharts(s->stored.key == PostmortemSectionKey::Impact);
    }
    loading_ = false;
}

void PostmortemEditor::showSection(PostmortemSectionKey key)
{
    for (int i = 0; i < sections_.size(); ++i)
        if (sections_[i].stored.key == key)
            steps_->setCurrentRow(i);
}

void PostmortemEditor::setReadOnly(bool readOnly, const QString& why)
{
    if (readOnly)
        saveNow();  // what was typed before the role was known
    editor_->setReadOnly(readOnly);
    taxonomy_->setReadOnly(readOnly);
    itemsPane_->setEnabled(!readOnly);
    editor_->setToolTip(readOnly ? why : QString());
    if (readOnly)
        saveState_->setText(why);
}

void PostmortemEditor::showActionItems()
{
    steps_->setCurrentRow(int(sections_.size()));
}

void PostmortemEditor::saveNow()
{
    autosave_->stop();
    Section* s = current();
    if (!s || incident_.id.isEmpty() || (s->text == s->stored.text && !s->prefilled))
        return;
    s->prefilled = false;
    log_->savePostmortemSection(incident_.id, s->stored.key, s->text, s->stored.revision, author_);
}

void PostmortemEditor::onSaved(const PostmortemSave& save)
{
    if (save.section.incidentId != incident_.id)
        return;
    for (Section& s : sections_) {
        if (s.stored.key != save.section.key)
            continue;
        if (save.result.outcome == WriteOutcome::Conflict && save.section.text == s.stored.text) {
            // Only the revision moved (the same text written again, e.g.
            // theirs taken a moment ago): nothing of anyone's is lost by
            // saving from it.
            s.stored = save.section;
            log_->savePostmortemSection(incident_.id, s.stored.key, s.text, s.stored.revision,
                                        author_);
            return;
        }
        if (save.result.outcome == WriteOutcome::Conflict) {
            remoteConflict_ = false;
            showConflict(save.section, tr("at"));
            saveState_->setText(tr("Not saved: someone else changed this section."));
            return;
        }
        if (!save.result.ok()) {
            saveState_->setText(tr("Not saved: %1").arg(save.result.message));
            return;
        }
        s.stored = save.section;
        saveState_->setText(
            tr("Saved at %1.")
                .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm:ss 'UTC'"))));
    }
    updateSteps();
}

void PostmortemEditor::showConflict(const PostmortemSection& theirs, const QString& where)
{
    theirs_ = theirs;
    conflict_->setText(tr("%1 saved this section %2 %3 UTC while you were writing. Their text: "
                          "\"%4\". Keep yours (it replaces theirs) or take theirs?")
                           .arg(theirs.updatedBy.isEmpty() ? tr("Someone") : theirs.updatedBy,
                                where,
                                QDateTime::fromMSecsSinceEpoch(theirs.updatedMs, Qt::UTC)
                                    .toString(QStringLiteral("HH:mm:ss")),
                                theirs.text.left(300)));
    for (QWidget* w : std::initializer_list<QWidget*>{conflict_, keepMine_, takeTheirs_})
        w->show();
}

void PostmortemEditor::hideConflict()
{
    remoteConflict_ = false;
    for (QWidget* w : std::initializer_list<QWidget*>{conflict_, keepMine_, takeTheirs_})
        w->hide();
}

void PostmortemEditor::showRemoteConflict(const PostmortemSection& theirs, const QString& mine)
{
    if (theirs.incidentId != incident_.id)
        return;
    Q_UNUSED(mine)  // the editor holds it (and anything typed since)
    showSection(theirs.key);
    remoteConflict_ = true;
    showConflict(theirs, tr("on another console at"));
    saveState_->setText(tr("Saved here, not shared: someone else changed this section."));
}

void PostmortemEditor::reload()
{
    if (!incident_.id.isEmpty())
        log_->loadPostmortem(incident_.id);
}

QString PostmortemEditor::prefillFor(PostmortemSectionKey key) const
{
    return postmortemPrefill(key, incident_, timeline_,
                             key == PostmortemSectionKey::Impact && impactSource_
                                 ? impactSource_(incident_)
                                 : QString());
}

int PostmortemEditor::emptySections() const
{
    int n = 0;
    for (const Section& s : sections_)
        n += s.text.trimmed().isEmpty();
    return n;
}

void PostmortemEditor::updateSteps()
{
    const bool wasLoading = loading_;
    loading_ = true;
    for (int i = 0; i < sections_.size(); ++i) {
        const Section& s = sections_[i];
        const QString state = s.text.trimmed().isEmpty() ? tr("empty")
                              : s.prefilled              ? tr("prefilled, not reviewed")
                                                         : tr("written");
        const QString label = QStringLiteral("%1. %2 — %3")
                                  .arg(i + 1)
                                  .arg(postmortemSectionName(s.stored.key), state);
        if (i < steps_->count())
            steps_->item(i)->setText(label);
        else
            steps_->addItem(label);
        steps_->item(i)->setForeground(s.text.trimmed().isEmpty() ? QColor(0xe0, 0xb0, 0x4a)
                                                                  : QColor(0x8f, 0xd1, 0x9e));
    }
    // The last step: the action items.
    const int row = int(sections_.size());
    int open = 0;
    for (const ActionItem& a : items_->items())
        open += a.status == ActionItemStatus::Open || a.status == ActionItemStatus::InProgress;
    const QString label =
        items_->rowCount() == 0
            ? tr("%1. Action items — none yet").arg(row + 1)
            : tr("%1. Action items — %2 of %3 open").arg(row + 1).arg(open).arg(items_->rowCount());
    if (!sections_.isEmpty()) {
        if (row < steps_->count())
            steps_->item(row)->setText(label);
        else
            steps_->addItem(label);
        steps_->item(row)->setForeground(items_->rowCount() == 0 ? QColor(0xe0, 0xb0, 0x4a)
                                                                 : QColor(0x8f, 0xd1, 0x9e));
    }
    loading_ = wasLoading;
}

void PostmortemEditor::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (onImpact_)
        showCharts(true);  // what changed while another pane was in front
}

void PostmortemEditor::showCharts(bool onImpact)
{
    onImpact_ = onImpact;
    QLayout* row = chartRow_->layout();
    while (QLayoutItem* item = row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QVector<QImage> images =
        onImpact && chartSource_ ? chartSource_(incident_) : QVector<QImage>{};
    for (const QImage& image : images) {
        auto* label = new QLabel(chartRow_);
        // Half size: the strip shows them all; the exports carry them whole.
        label->setPixmap(QPixmap::fromImage(
            image.scaledToHeight(std::min(image.height(), 130), Qt::SmoothTransformation)));
        label->setToolTip(tr("As in the exports, the incident window shaded"));
        row->addWidget(label);
    }
    static_cast<QHBoxLayout*>(row)->addStretch(1);
    charts_->setVisible(!images.isEmpty());
}

int PostmortemEditor::chartsShown() const
{
    return charts_->isVisible() ? chartRow_->findChildren<QLabel*>().size() : 0;
}

}  // namespace wf
