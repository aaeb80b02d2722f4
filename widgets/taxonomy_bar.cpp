#include "taxonomy_bar.h"

#include "trend_metrics.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>

#include <optional>
#include <utility>

namespace wf {

namespace {

// "- capacity: ...", "* capacity" or "capacity: ..." is a line of that
// category: the same reading as parseFactors, so what ticks a box is what
// unticking it removes.
bool isFactorLine(const QString& line, const QString& key)
{
    QString l = line.trimmed();
    if (l.startsWith('-') || l.startsWith('*'))
        l = l.mid(1);
    return l.section(':', 0, 0).trimmed().compare(key, Qt::CaseInsensitive) == 0;
}

// Where the cause is, as parseCause reads it (leading blank lines allowed):
// [start, end) of "Cause: x." or "Cause: x. Service: y.".
std::optional<std::pair<int, int>> causeSpan(const QString& text)
{
    static const QRegularExpression cause(
        QStringLiteral(R"(^\s*(Cause:\s*[^.\n]+?\s*\.(?:[ \t]*Service:\s*[^.\s][^\n]*?\s*\.)?))"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = cause.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    return std::pair{int(m.capturedStart(1)), int(m.capturedEnd(1))};
}

}  // namespace

TaxonomyBar::TaxonomyBar(QPlainTextEdit* editor, QWidget* parent)
    : QWidget(parent),
      editor_(editor),
      causeRow_(new QWidget(this)),
      cause_(new QComboBox(causeRow_)),
      service_(new QLineEdit(causeRow_)),
      factorRow_(new QWidget(this))
{
    setObjectName(QStringLiteral("taxonomyBar"));
    cause_->setObjectName(QStringLiteral("causeCategory"));
    service_->setObjectName(QStringLiteral("causeService"));
    cause_->addItem(tr("not chosen yet"), QString());
    for (const QString& key : causeTaxonomy())
        cause_->addItem(key, key);
    service_->setPlaceholderText(tr("the service at fault, e.g. payments-api"));
    service_->setMaxLength(100);
    auto* causeLayout = new QHBoxLayout(causeRow_);
    causeLayout->setContentsMargins(0, 0, 0, 0);
    auto* causeLabel = new QLabel(tr("Cause &category:"), causeRow_);
    causeLabel->setBuddy(cause_);
    auto* serviceLabel = new QLabel(tr("Ser&vice:"), causeRow_);
    serviceLabel->setBuddy(service_);
    causeLayout->addWidget(causeLabel);
    causeLayout->addWidget(cause_);
    causeLayout->addWidget(serviceLabel);
    causeLayout->addWidget(service_, 1);
    connect(cause_, &QComboBox::currentIndexChanged, this, &TaxonomyBar::writeCauseLine);
    connect(service_, &QLineEdit::editingFinished, this, &TaxonomyBar::writeCauseLine);

    auto* factorLayout = new QHBoxLayout(factorRow_);
    factorLayout->setContentsMargins(0, 0, 0, 0);
    factorLayout->addWidget(new QLabel(tr("Categories:"), factorRow_));
    for (const QString& key : causeTaxonomy()) {
        auto* box = new QCheckBox(key, factorRow_);
        box->setObjectName(QStringLiteral("factor-") + key);
        box->setProperty("taxonomyKey", key);
        factors_.append(box);
        factorLayout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, [this, key](bool on) { setFactor(key, on); });
    }
    factorLayout->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(causeRow_);
    layout->addWidget(factorRow_);
    connect(editor_, &QPlainTextEdit::textChanged, this, &TaxonomyBar::syncFromText);
    setMode(Mode::Hidden);
}

QCheckBox* TaxonomyBar::factorBox(const QString& key) const
{
    for (QCheckBox* box : factors_)
        if (box->property("taxonomyKey").toString() == key)
            return box;
    return nullptr;
}

void TaxonomyBar::setMode(Mode mode)
{
    mode_ = mode;
    causeRow_->setVisible(mode == Mode::Cause);
    factorRow_->setVisible(mode == Mode::Factors);
    setVisible(mode != Mode::Hidden);
    syncFromText();
}

void TaxonomyBar::setReadOnly(bool readOnly)
{
    causeRow_->setEnabled(!readOnly);
    factorRow_->setEnabled(!readOnly);
}

void TaxonomyBar::syncFromText()
{
    if (syncing_ || mode_ == Mode::Hidden)
        return;
    syncing_ = true;
    const QString text = editor_->toPlainText();
    if (mode_ == Mode::Cause) {
        QString service;
        const QString key = parseCause(text, &service);
        cause_->setCurrentIndex(std::max(0, cause_->findData(key)));
        if (!service_->hasFocus())
            service_->setText(service);
    } else {
        const QStringList keys = parseFactors(text);
        for (QCheckBox* box : std::as_const(factors_))
            box->setChecked(keys.contains(box->property("taxonomyKey").toString()));
    }
    syncing_ = false;
}

void TaxonomyBar::writeCauseLine()
{
    if (syncing_ || mode_ != Mode::Cause)
        return;
    const QString key = cause_->currentData().toString();
    const QString service = service_->text().trimmed().remove('.');
    QString line;
    if (!key.isEmpty())
        line = service.isEmpty() ? QStringLiteral("Cause: %1.").arg(key)
                                 : QStringLiteral("Cause: %1. Service: %2.").arg(key, service);
    syncing_ = true;
    QTextCursor c(editor_->document());
    c.beginEditBlock();
    const QString text = editor_->toPlainText();
    if (const auto span = causeSpan(text)) {
        // Replace the cause itself; what was written after it on its line stays.
        c.setPosition(span->first);
        int end = span->second;
        if (line.isEmpty()) {  // and the blank or line break after it, when it goes
            while (end < text.size() && text[end] == ' ')
                ++end;
            if (end < text.size() && text[end] == '\n')
                ++end;
        }
        c.setPosition(end, QTextCursor::KeepAnchor);
        c.insertText(line);
    } else if (!line.isEmpty()) {
        // On a line of its own; writing goes on below it.
        c.insertText(line + QStringLiteral("\n"));
        if (editor_->document()->blockCount() == 2 &&
            editor_->document()->lastBlock().text().isEmpty())
            editor_->moveCursor(QTextCursor::End);
    }
    c.endEditBlock();
    syncing_ = false;
}

void TaxonomyBar::setFactor(const QString& key, bool on)
{
    if (syncing_ || mode_ != Mode::Factors)
        return;
    syncing_ = true;
    QTextDocument* doc = editor_->document();
    QTextCursor c(doc);
    c.beginEditBlock();
    if (on) {
        c.movePosition(QTextCursor::End);
        const QString last = doc->lastBlock().text();
        c.insertText((last.trimmed().isEmpty() ? QString() : QStringLiteral("\n")) +
                     QStringLiteral("- %1: ").arg(key));
        editor_->setTextCursor(c);  // ready to write on
    } else {
        // Every line of that category, last first so positions hold.
        QList<int> lines;
        for (QTextBlock b = doc->firstBlock(); b.isValid(); b = b.next())
            if (isFactorLine(b.text(), key))
                lines.prepend(b.blockNumber());
        for (const int n : std::as_const(lines)) {
            const QTextBlock b = doc->findBlockByNumber(n);
            const int end = b.position() + b.length() - 1;  // before the block's break
            if (b.next().isValid()) {
                c.setPosition(b.position());
                c.setPosition(b.next().position(), QTextCursor::KeepAnchor);
            } else {
                c.setPosition(b.previous().isValid() ? b.position() - 1 : b.position());
                c.setPosition(end, QTextCursor::KeepAnchor);
            }
            c.removeSelectedText();
        }
    }
    c.endEditBlock();
    syncing_ = false;
}

}  // namespace wf
