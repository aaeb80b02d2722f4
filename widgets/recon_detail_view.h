#pragma once

// The detail pane of the reconciliation queue: one mismatch with its order,
// the provider's transactions and the settlement lines side by side (one
// above the other when the pane is narrow), what was expected, observed and
// the difference, the notes, and one button per action the server says
// applies. All text can be selected and copied; card numbers never appear
// (only the last four digits are in the data, and free text is redacted).

#include "recon_types.h"

#include <QMap>
#include <QWidget>

class QBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QTextEdit;
class QVBoxLayout;

namespace wf {

class ReconDetailView : public QWidget {
    Q_OBJECT
public:
    explicit ReconDetailView(QWidget* parent = nullptr);

    // While loading another mismatch the pane is blank; while reloading the
    // one on show it stays, with its actions unavailable. A detail or error
    // for any other id than the one being loaded is late and ignored.
    void showLoading(const QString& mismatchId);
    void showDetail(const wf::MismatchDetail& d);
    void showError(const QString& mismatchId, const QString& message);
    void clear();
    void setMayResolve(bool may, const QString& roleName);
    // Platform time, for the age (the wall clock until set).
    void setNowMs(qint64 ms);

    // The mismatch the pane is about (loading, shown or failed), or "".
    QString mismatchId() const { return id_; }
    bool hasDetail() const { return hasDetail_; }
    const MismatchDetail& detail() const { return detail_; }
    // The button for an action, or null for an action this console does not know.
    QPushButton* actionButton(wf::ResolutionAction a) const { return actions_.value(a); }
    QPushButton* assignButton() const { return assign_; }
    QLabel* differenceLabel() const { return difference_; }

signals:
    void actionRequested(const wf::MismatchDetail& detail, wf::ResolutionAction action);
    void assignToMeRequested(const wf::Mismatch& mismatch);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void setMessage(const QString& text, const QString& color);
    void render();
    void renderHeader();
    void renderMoney();
    void renderActions();
    void updateButtons();

    QLabel* message_;
    QScrollArea* scroll_;
    QWidget* content_;
    QTextEdit* header_;
    QLabel* problem_;
    QBoxLayout* sides_;
    QTextEdit* order_;
    QTextEdit* transactions_;
    QTextEdit* settlement_;
    QLabel* expected_;
    QLabel* observed_;
    QLabel* difference_;
    QWidget* notesBox_;
    QTextEdit* notes_;
    QPushButton* assign_;
    QLabel* noActions_;
    QVBoxLayout* actionRows_;
    QMap<ResolutionAction, QPushButton*> actions_;

    QString id_;
    bool loading_ = false;
    bool hasDetail_ = false;
    MismatchDetail detail_;
    bool may_ = false;
    QString role_;
    qint64 nowMs_ = 0;
    QString ageShown_;
};

}  // namespace wf
