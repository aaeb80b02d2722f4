#pragma once

// The taxonomy above the postmortem text, so the causes that keep coming
// back can be counted (the Trends view reads them back from the text):
//  - on the root cause: the cause's category and the service, kept as the
//    text's first line, "Cause: change. Service: payments-api.";
//  - on the contributing factors: a box per category; ticking one adds a
//    "- capacity: " line to write on, unticking removes that category's lines.
// Edits go through the text's cursor, so they can be undone and are saved
// like typing. The boxes follow what is typed.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace wf {

class TaxonomyBar : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Hidden, Cause, Factors };
    TaxonomyBar(QPlainTextEdit* editor, QWidget* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    // Reads the categories back from the text (after it was loaded or typed).
    void syncFromText();
    void setReadOnly(bool readOnly);

    QComboBox* causeBox() const { return cause_; }
    QLineEdit* serviceField() const { return service_; }
    QCheckBox* factorBox(const QString& key) const;

private:
    void writeCauseLine();
    void setFactor(const QString& key, bool on);

    QPlainTextEdit* editor_;
    Mode mode_ = Mode::Hidden;
    QWidget* causeRow_;
    QComboBox* cause_;
    QLineEdit* service_;
    QWidget* factorRow_;
    QList<QCheckBox*> factors_;
    bool syncing_ = false;
};

}  // namespace wf
