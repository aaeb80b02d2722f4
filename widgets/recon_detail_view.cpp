#include "recon_detail_view.h"

#include "redaction.h"

#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTextEdit>
#include <QTimeZone>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <utility>

namespace wf {

namespace {

constexpr int kSideBySideWidth = 900;
const QString kRed = QStringLiteral("#e06c6c");
const QString kAmber = QStringLiteral("#e0b04a");
const QString kGreen = QStringLiteral("#8fd19e");
const QString kDim = QStringLiteral("#9a9fa8");

// Read-only rich text that grows to its content's height and wraps long
// references anywhere, so that nothing is cut off in a narrow pane and
// everything can be selected.
class TextBlock : public QTextEdit {
public:
    TextBlock(const QString& name, QWidget* parent) : QTextEdit(parent)
    {
        setObjectName(name);
        setReadOnly(true);
        setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        setFrameShape(QFrame::NoFrame);
        setFocusPolicy(Qt::ClickFocus);
        setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        QPalette p = palette();
        p.setColor(QPalette::Base, Qt::transparent);
        setPalette(p);
        document()->setDocumentMargin(1);
        connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged,
                this, [this](const QSizeF& s) {
                    setFixedHeight(int(std::ceil(s.height())) + 2 * frameWidth());
                });
    }
    QSize sizeHint() const override { return {240, height()}; }
    QSize minimumSizeHint() const override { return {80, height()}; }
};

QLabel* valueLabel(const QString& name, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(name);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setWordWrap(true);
    return l;
}

// Text from outside into HTML: card-number-like runs masked, escaped.
QString esc(const QString& s)
{
    return redactSecrets(s).toHtmlEscaped().replace('\n', QStringLiteral("<br>"));
}

QString span(const QString& color, const QString& html)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color, html);
}

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
                        QStringLiteral(" UTC")
                  : QStringLiteral("time unknown");
}

QString row(const QString& name, const QString& html)
{
    return QStringLiteral("<tr><td style=\"color:%1; padding-right:8px\">%2</td><td>%3</td></tr>")
        .arg(kDim, name, html);
}

QString table(const QString& rows)
{
    return QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">%1</table>").arg(rows);
}

QString statusColor(MismatchStatus s)
{
    switch (s) {
        case MismatchStatus::PendingApproval:
        case MismatchStatus::Escalated: return kAmber;
        case MismatchStatus::Resolved: return kGreen;
        case MismatchStatus::WrittenOff:
        case MismatchStatus::Unknown: return kDim;
        case MismatchStatus::Open: break;
    }
    return {};
}

QString transactionStatus(const QString& status)
{
    const QString s = status.toLower();
    const QString color = s == u"succeeded" ? kGreen
                          : s == u"failed"  ? kRed
                          : s == u"pending" ? kAmber
                                            : QString();
    return color.isEmpty() ? esc(status) : span(color, esc(status));
}

// Only ever the last four digits, whatever arrived.
QString cardText(const QString& last4)
{
    QString digits;
    for (QChar c : last4)
        if (c.isDigit())
            digits += c;
    return digits.isEmpty() ? QString() : QStringLiteral("card •••• ") + digits.right(4);
}

QString none(const QString& text)
{
    return span(kDim, QStringLiteral("<i>%1</i>").arg(text));
}

QString orderHtml(const MismatchDetail& d)
{
    if (!d.hasOrder)
        return none(QStringLiteral("No order on record"));
    return table(row(QStringLiteral("Order"), esc(d.orderId)) +
                 row(QStringLiteral("Amount"), esc(d.orderAmount.format())) +
                 row(QStringLiteral("Created"), timeText(d.orderCreatedMs)));
}

QString transactionsHtml(const MismatchDetail& d)
{
    if (d.transactions.isEmpty())
        return none(QStringLiteral("No transactions from the provider"));
    QStringList parts;
    for (const ProviderTransaction& t : d.transactions) {
        QString html = QStringLiteral("<b>%1</b> · %2<br>%3<br>%4 · %5")
                           .arg(transactionKindName(t.kind), transactionStatus(t.status),
                                esc(t.reference), esc(t.amount.format()), timeText(t.atMs));
        const QString card = cardText(t.cardLast4);
        if (!card.isEmpty())
            html += QStringLiteral("<br>") + span(kDim, card);
        parts << html;
    }
    return QStringLiteral("<p>%1</p>").arg(parts.join(QStringLiteral("</p><p>")));
}

QString settlementHtml(const MismatchDetail& d)
{
    if (d.settlement.isEmpty())
        return none(QStringLiteral("Not in any settlement file"));
    QStringList parts;
    for (const SettlementLine& s : d.settlement)
        parts << QStringLiteral("<b>%1</b><br>%2").arg(esc(s.batchId), esc(s.reference)) +
                     table(row(QStringLiteral("Gross"), esc(s.gross.format())) +
                           row(QStringLiteral("Fee"), esc(s.fee.format())) +
                           row(QStringLiteral("Net"), esc(s.net.format())) +
                           row(QStringLiteral("Settled"), timeText(s.settledMs)));
    return QStringLiteral("<p>%1</p>").arg(parts.join(QStringLiteral("</p><p>")));
}

QString notesHtml(const MismatchDetail& d)
{
    QStringList parts;
    for (const MismatchNote& n : d.notes)
        parts << QStringLiteral("<b>%1</b> %2<br>%3")
                     .arg(esc(n.author), span(kDim, timeText(n.atMs)), esc(n.text));
    return QStringLiteral("<p>%1</p>").arg(parts.join(QStringLiteral("</p><p>")));
}

QString actionKey(ResolutionAction a)
{
    switch (a) {
        case ResolutionAction::RetryCapture: return QStringLiteral("RetryCapture");
        case ResolutionAction::VoidAuthorization: return QStringLiteral("VoidAuthorization");
        case ResolutionAction::Refund: return QStringLiteral("Refund");
        case ResolutionAction::MarkMatched: return QStringLiteral("MarkMatched");
        case ResolutionAction::CreateOrderRecord: return QStringLiteral("CreateOrderRecord");
        case ResolutionAction::WriteOff: return QStringLiteral("WriteOff");
        case ResolutionAction::EscalateToProvider: return QStringLiteral("EscalateToProvider");
        case ResolutionAction::Unknown: break;
    }
    return {};
}

QString actionCaption(ResolutionAction a)
{
    if (movesMoney(a))
        return QStringLiteral("Moves money: may need a second person's approval");
    if (needsNote(a))
        return QStringLiteral("Asks for a note");
    return {};
}

QGroupBox* group(const QString& title, QWidget* body, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->addWidget(body);
    layout->addStretch(1);
    return box;
}

}  // namespace

ReconDetailView::ReconDetailView(QWidget* parent)
    : QWidget(parent),
      message_(valueLabel(QStringLiteral("reconDetailMessage"), this)),
      scroll_(new QScrollArea(this)),
      content_(new QWidget),
      header_(new TextBlock(QStringLiteral("reconHeader"), content_)),
      problem_(valueLabel(QStringLiteral("reconProblem"), content_)),
      order_(new TextBlock(QStringLiteral("reconOrder"), content_)),
      transactions_(new TextBlock(QStringLiteral("reconTransactions"), content_)),
      settlement_(new TextBlock(QStringLiteral("reconSettlement"), content_)),
      expected_(valueLabel(QStringLiteral("reconExpected"), content_)),
      observed_(valueLabel(QStringLiteral("reconObserved"), content_)),
      difference_(valueLabel(QStringLiteral("reconDifference"), content_)),
      notes_(new TextBlock(QStringLiteral("reconNotes"), content_)),
      assign_(new QPushButton(tr("Assign to &me"), content_)),
      noActions_(valueLabel(QStringLiteral("reconNoActions"), content_)),
      actionRows_(new QVBoxLayout)
{
    problem_->setStyleSheet(QStringLiteral("color:%1").arg(kAmber));
    assign_->setObjectName(QStringLiteral("reconAssignToMe"));
    noActions_->setText(tr("No action applies to this mismatch now."));
    noActions_->setStyleSheet(QStringLiteral("color:%1").arg(kDim));

    sides_ = new QBoxLayout(QBoxLayout::TopToBottom);
    sides_->addWidget(group(tr("Order"), order_, content_), 1);
    sides_->addWidget(group(tr("Provider transactions"), transactions_, content_), 1);
    sides_->addWidget(group(tr("Settlement lines"), settlement_, content_), 1);

    auto* money = new QWidget(content_);
    auto* grid = new QGridLayout(money);
    grid->setContentsMargins(0, 0, 0, 0);
    const QString names[] = {tr("Expected"), tr("Observed"), tr("Difference")};
    QLabel* values[] = {expected_, observed_, difference_};
    for (int i = 0; i < 3; ++i) {
        auto* name = new QLabel(names[i], money);
        name->setStyleSheet(QStringLiteral("color:%1").arg(kDim));
        grid->addWidget(name, i, 0);
        grid->addWidget(values[i], i, 1);
    }
    grid->setColumnStretch(1, 1);
    QFont bold = difference_->font();
    bold.setBold(true);
    difference_->setFont(bold);

    notesBox_ = group(tr("Notes"), notes_, content_);

    auto* actionsBox = new QGroupBox(tr("Resolve"), content_);
    auto* actionsLayout = new QVBoxLayout(actionsBox);
    actionsLayout->addWidget(assign_, 0, Qt::AlignLeft);
    actionsLayout->addWidget(noActions_);
    actionsLayout->addLayout(actionRows_);
    for (int i = 1; i <= int(ResolutionAction::EscalateToProvider); ++i) {
        const auto a = ResolutionAction(i);
        auto* rowWidget = new QWidget(actionsBox);
        auto* rowLayout = new QHBoxLayout(rowWidget);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* button = new QPushButton(resolutionActionName(a) + QStringLiteral("…"), rowWidget);
        button->setObjectName(QStringLiteral("reconAction_") + actionKey(a));
        auto* caption = new QLabel(actionCaption(a), rowWidget);
        caption->setWordWrap(true);
        caption->setStyleSheet(QStringLiteral("color:%1").arg(movesMoney(a) ? kAmber : kDim));
        rowLayout->addWidget(button);
        rowLayout->addWidget(caption, 1);
        rowWidget->hide();
        actions_.insert(a, button);
        connect(button, &QPushButton::clicked, this, [this, a] {
            if (hasDetail_)
                emit actionRequested(detail_, a);
        });
    }
    int widest = 0;  // one width for every action button: the captions line up
    for (QPushButton* b : std::as_const(actions_))
        widest = std::max(widest, b->sizeHint().width());
    for (QPushButton* b : std::as_const(actions_))
        b->setMinimumWidth(widest);
    connect(assign_, &QPushButton::clicked, this, [this] {
        if (hasDetail_)
            emit assignToMeRequested(detail_.mismatch);
    });

    auto* layout = new QVBoxLayout(content_);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(header_);
    layout->addWidget(problem_);
    layout->addLayout(sides_);
    layout->addWidget(group(tr("Expected / observed"), money, content_));
    layout->addWidget(notesBox_);
    layout->addWidget(actionsBox);
    layout->addStretch(1);

    scroll_->setObjectName(QStringLiteral("reconDetailScroll"));
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setWidget(content_);
    message_->setMargin(8);
    message_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(message_);
    outer->addWidget(scroll_, 1);
    clear();
}

void ReconDetailView::setMessage(const QString& text, const QString& color)
{
    message_->setText(text);
    message_->setStyleSheet(QStringLiteral("color:%1").arg(color));
    message_->setVisible(!text.isEmpty());
}

void ReconDetailView::showLoading(const QString& mismatchId)
{
    loading_ = true;
    if (hasDetail_ && detail_.mismatch.id == mismatchId) {
        setMessage(tr("Refreshing %1…").arg(mismatchId), kDim);
    } else {
        id_ = mismatchId;
        hasDetail_ = false;
        scroll_->hide();
        setMessage(tr("Loading %1…").arg(mismatchId), kDim);
    }
    updateButtons();
}

void ReconDetailView::showDetail(const MismatchDetail& d)
{
    if (loading_ && d.mismatch.id != id_)
        return;  // the answer for an earlier selection
    loading_ = false;
    id_ = d.mismatch.id;
    detail_ = d;
    hasDetail_ = true;
    setMessage({}, {});
    render();
    scroll_->show();
}

void ReconDetailView::showError(const QString& mismatchId, const QString& message)
{
    if (loading_ && mismatchId != id_)
        return;
    loading_ = false;
    id_ = mismatchId;
    if (hasDetail_ && detail_.mismatch.id == mismatchId) {
        setMessage(tr("Could not refresh %1; showing what was loaded before. %2")
                       .arg(mismatchId, redactSecrets(message)),
                   kRed);
    } else {
        hasDetail_ = false;
        scroll_->hide();
        setMessage(tr("Could not load %1: %2").arg(mismatchId, redactSecrets(message)), kRed);
    }
    updateButtons();
}

void ReconDetailView::clear()
{
    id_.clear();
    loading_ = false;
    hasDetail_ = false;
    detail_ = {};
    scroll_->hide();
    setMessage(tr("Select a mismatch to see its order, the provider's transactions and the "
                  "settlement lines."),
               kDim);
    updateButtons();
}

void ReconDetailView::setMayResolve(bool may, const QString& roleName)
{
    may_ = may;
    role_ = roleName;
    updateButtons();
}

void ReconDetailView::setNowMs(qint64 ms)
{
    nowMs_ = ms;
    // The header is rewritten only when the age reads differently, and never
    // under the operator's selection.
    if (hasDetail_ && !header_->textCursor().hasSelection() &&
        mismatchAgeText(nowMs_ - detail_.mismatch.detectedMs) != ageShown_)
        renderHeader();
}

void ReconDetailView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    const auto dir =
        width() >= kSideBySideWidth ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (sides_->direction() != dir)
        sides_->setDirection(dir);
}

void ReconDetailView::render()
{
    renderHeader();
    const Mismatch& m = detail_.mismatch;
    problem_->setText(m.problem.isEmpty() ? QString()
                                          : QStringLiteral("⚠ ") + redactSecrets(m.problem));
    problem_->setVisible(!m.problem.isEmpty());
    order_->setHtml(orderHtml(detail_));
    transactions_->setHtml(transactionsHtml(detail_));
    settlement_->setHtml(settlementHtml(detail_));
    renderMoney();
    notes_->setHtml(notesHtml(detail_));
    notesBox_->setVisible(!detail_.notes.isEmpty());
    renderActions();
    updateButtons();
}

void ReconDetailView::renderHeader()
{
    const Mismatch& m = detail_.mismatch;
    const qint64 now = nowMs_ > 0 ? nowMs_ : QDateTime::currentMSecsSinceEpoch();
    ageShown_ = m.detectedMs > 0 ? mismatchAgeText(now - m.detectedMs) : QString();
    QString type = mismatchTypeName(m.type);
    if (m.type == MismatchType::Unknown)
        type += QStringLiteral(" (%1)").arg(m.rawType);
    QString status = mismatchStatusName(m.status);
    if (!m.pendingApprovalId.isEmpty())
        status += QStringLiteral(" (%1)").arg(m.pendingApprovalId);
    const QString color = statusColor(m.status);
    const QString where = QStringList{m.providerId, m.region}.join(QStringLiteral(" · "));
    QString rows =
        row(tr("Mismatch"), esc(m.id)) +
        row(tr("Status"), color.isEmpty() ? esc(status) : span(color, esc(status))) +
        row(tr("Age"), ageShown_.isEmpty()
                           ? tr("unknown")
                           : tr("%1 (detected %2)").arg(ageShown_, timeText(m.detectedMs))) +
        row(tr("Provider"), esc(where)) +
        row(tr("Assignee"), m.assignee.isEmpty() ? none(tr("unassigned")) : esc(m.assignee));
    if (!m.providerReference.isEmpty())
        rows += row(tr("Reference"), esc(m.providerReference));
    if (!m.summary.isEmpty())
        rows += row(tr("Summary"), esc(m.summary));
    header_->setHtml(QStringLiteral("<div style=\"font-size:large\"><b>%1</b> · %2</div>%3")
                         .arg(esc(type), esc(m.amount.format()), table(rows)));
}

void ReconDetailView::renderMoney()
{
    expected_->setText(detail_.expected.format());
    observed_->setText(detail_.observed.format());
    const Money& diff = detail_.difference;
    difference_->setText(diff.format());
    const QString color = !diff.valid() ? kAmber : diff.minor != 0 ? kRed : kGreen;
    difference_->setStyleSheet(QStringLiteral("color:%1").arg(color));
    difference_->setToolTip(diff.minor != 0 ? tr("What the order, the provider and the "
                                                 "settlement disagree by")
                                            : tr("The amounts agree"));
}

void ReconDetailView::renderActions()
{
    for (QPushButton* b : std::as_const(actions_)) {
        actionRows_->removeWidget(b->parentWidget());
        b->parentWidget()->hide();
    }
    bool any = false;
    for (ResolutionAction a : std::as_const(detail_.applicable)) {
        QPushButton* b = actions_.value(a);
        if (!b || !b->parentWidget()->isHidden())
            continue;  // unknown or listed twice
        actionRows_->addWidget(b->parentWidget());
        b->parentWidget()->show();
        any = true;
    }
    noActions_->setVisible(!any);
}

void ReconDetailView::updateButtons()
{
    const Mismatch& m = detail_.mismatch;
    QString why;
    if (!may_)
        why = tr("Your role (%1) may not resolve mismatches.").arg(role_);
    else if (!hasDetail_)
        why = tr("No mismatch loaded");
    else if (loading_)
        why = tr("Loading the latest state of %1…").arg(m.id);
    else if (isClosed(m.status))
        why = tr("Already %1").arg(mismatchStatusName(m.status).toLower());
    assign_->setEnabled(why.isEmpty());
    assign_->setToolTip(!why.isEmpty() ? why
                        : m.assignee.isEmpty()
                            ? tr("Take %1 yourself").arg(m.id)
                            : tr("Assigned to %1; take it over").arg(m.assignee));
    if (why.isEmpty() && m.status == MismatchStatus::PendingApproval)
        why = tr("An approval is waiting (%1); a second person must decide it first.")
                  .arg(m.pendingApprovalId);
    for (auto it = actions_.cbegin(); it != actions_.cend(); ++it) {
        it.value()->setEnabled(why.isEmpty());
        QString tip = why;
        if (tip.isEmpty()) {
            tip = tr("%1 for %2 (%3)").arg(resolutionActionName(it.key()), m.id, m.amount.format());
            if (!actionCaption(it.key()).isEmpty())
                tip += QStringLiteral(". ") + actionCaption(it.key());
        }
        it.value()->setToolTip(tip);
    }
}

}  // namespace wf
