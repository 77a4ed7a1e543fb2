//! What the window tells the user. Every message goes to the status bar (until the next one)
//! and to a log the user can open (View ▸ Messages, or the status bar's button); the outcome of
//! longer work, warnings and errors also show as a toast in the window's corner, which goes away
//! by itself. Work under way ("Opening…") shows in the status bar until a message ends it.
//!
//! Toasts are widgets (labels and a button in an area), so that screen readers and the UI tests
//! read them like any other text, and they wrap: an error naming a long path stays readable.

use egui::{Align2, Color32, Context, Id, Order, RichText, Ui};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How much a message matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// An acknowledgement: shown in the status bar and logged, no toast.
    Info,
    /// Longer work that ended well ("Saved …").
    Done,
    /// Something did not happen, or not all of it.
    Warning,
    /// Something failed.
    Error,
}

impl Level {
    /// How long its toast stays.
    fn shown_for(self) -> Duration {
        Duration::from_secs(match self {
            Self::Info | Self::Done => 4,
            Self::Warning => 8,
            Self::Error => 12,
        })
    }

    /// The word before the text in the log and on a toast.
    fn word(self) -> &'static str {
        match self {
            Self::Info => "",
            Self::Done => "Done",
            Self::Warning => "Warning",
            Self::Error => "Error",
        }
    }

    /// The level's word, strong and in its colour; nothing for an acknowledgement.
    fn mark_ui(self, ui: &mut Ui) {
        if self == Self::Info {
            return;
        }
        let mut mark = RichText::new(self.word()).strong();
        if let Some(colour) = self.colour(ui) {
            mark = mark.color(colour);
        }
        ui.label(mark);
    }

    fn colour(self, ui: &Ui) -> Option<Color32> {
        match self {
            Self::Info | Self::Done => None,
            Self::Warning => Some(super::theme::warning_text(ui.visuals().dark_mode)),
            Self::Error => Some(super::theme::error_text(ui.visuals().dark_mode)),
        }
    }
}

/// One message, as the log keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// How much it matters.
    pub level: Level,
    /// What was said.
    pub text: String,
    /// When, as the local time of day.
    pub time: String,
}

struct Toast {
    id: u64,
    level: Level,
    text: String,
    until: Instant,
}

/// How many messages the log keeps: the oldest go first.
const LOG_LENGTH: usize = 500;

/// How many toasts show at once: a new one pushes out the oldest.
const MOST_TOASTS: usize = 4;

/// The window's messages: the log, the toasts on screen and the work under way.
#[derive(Default)]
pub struct Messages {
    log: VecDeque<Message>,
    toasts: Vec<Toast>,
    next_toast: u64,
    working: Option<String>,
    /// Whether the log's window is open.
    pub log_open: bool,
    /// Warnings and errors logged since the log was last looked at.
    unseen_problems: usize,
}

impl Messages {
    /// An acknowledgement, for the status bar and the log.
    pub fn say(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into());
    }

    /// Longer work that ended well: also a toast.
    pub fn done(&mut self, text: impl Into<String>) {
        self.push(Level::Done, text.into());
    }

    /// Something that did not happen, or not all of it: also a toast.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.push(Level::Warning, text.into());
    }

    /// A failure: also a toast, which stays longest.
    pub fn fail(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text.into());
    }

    /// Work under way, shown in the status bar until the next message.
    pub fn working(&mut self, text: impl Into<String>) {
        self.working = Some(text.into());
    }

    /// Ends the work under way without a message: a question the user must answer follows.
    pub fn idle(&mut self) {
        self.working = None;
    }

    /// Logs a message without a toast of its own, for the details of a summary that has one.
    pub fn detail(&mut self, level: Level, text: impl Into<String>) {
        self.log_message(level, text.into());
    }

    /// What the status bar shows: the work under way, else the last message.
    pub fn status(&self) -> (&str, Level, bool) {
        match (&self.working, self.log.back()) {
            (Some(working), _) => (working, Level::Info, true),
            (None, Some(last)) => (&last.text, last.level, false),
            (None, None) => ("", Level::Info, false),
        }
    }

    /// The log, oldest first.
    pub fn log(&self) -> impl DoubleEndedIterator<Item = &Message> {
        self.log.iter()
    }

    /// The toasts on screen, oldest first: their levels and texts.
    pub fn toasts(&self) -> impl Iterator<Item = (Level, &str)> {
        self.toasts
            .iter()
            .map(|toast| (toast.level, toast.text.as_str()))
    }

    /// Warnings and errors the user has not seen in the log.
    pub fn unseen_problems(&self) -> usize {
        self.unseen_problems
    }

    fn push(&mut self, level: Level, text: String) {
        self.working = None;
        if level != Level::Info {
            if self.toasts.len() == MOST_TOASTS {
                self.toasts.remove(0);
            }
            self.next_toast += 1;
            self.toasts.push(Toast {
                id: self.next_toast,
                level,
                text: text.clone(),
                until: Instant::now() + level.shown_for(),
            });
        }
        self.log_message(level, text);
    }

    fn log_message(&mut self, level: Level, text: String) {
        if matches!(level, Level::Warning | Level::Error) && !self.log_open {
            self.unseen_problems += 1;
        }
        if self.log.len() == LOG_LENGTH {
            self.log.pop_front();
        }
        self.log.push_back(Message {
            level,
            text,
            time: chrono::Local::now().format("%H:%M:%S").to_string(),
        });
    }

    /// Draws the toasts in the lower right corner, above the status bar; a toast under the
    /// pointer stays, and its button dismisses it.
    pub fn show_toasts(&mut self, ctx: &Context) {
        let now = Instant::now();
        self.toasts.retain(|toast| toast.until > now);
        if self.toasts.is_empty() {
            return;
        }
        let mut dismissed = None;
        let mut hovered = None;
        egui::Area::new(Id::unique("toasts"))
            .movable(false)
            .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(380.0);
                for toast in &self.toasts {
                    let frame = egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            toast.level.mark_ui(ui);
                            ui.add(egui::Label::new(&toast.text).wrap());
                            if ui
                                .small_button("×")
                                .on_hover_text("Dismiss this message")
                                .clicked()
                            {
                                dismissed = Some(toast.id);
                            }
                        });
                    });
                    if frame.response.contains_pointer() {
                        hovered = Some(toast.id);
                    }
                }
            });
        self.toasts.retain(|toast| Some(toast.id) != dismissed);
        for toast in &mut self.toasts {
            if Some(toast.id) == hovered {
                toast.until = toast.until.max(now + Duration::from_secs(2));
            }
        }
        if let Some(next) = self.toasts.iter().map(|toast| toast.until).min() {
            ctx.request_repaint_after(next.saturating_duration_since(now));
        }
    }

    /// The log's window, newest first, when it is open.
    pub fn log_window(&mut self, ctx: &Context) {
        if !self.log_open {
            return;
        }
        self.unseen_problems = 0;
        let mut open = true;
        let mut clear = false;
        egui::Window::new("Messages")
            .open(&mut open)
            .default_width(520.0)
            .default_height(320.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("{} messages, newest first", self.log.len()));
                    if ui.button("Clear").clicked() {
                        clear = true;
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for message in self.log.iter().rev() {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(RichText::new(&message.time).monospace());
                                message.level.mark_ui(ui);
                                ui.add(egui::Label::new(&message.text).wrap());
                            });
                        }
                    });
            });
        if clear {
            self.log.clear();
        }
        self.log_open = open;
    }

    /// The status bar's part: the work under way with a spinner, or the last message.
    pub fn status_ui(&self, ui: &mut Ui) {
        let (text, level, working) = self.status();
        if working {
            ui.spinner();
        }
        let mut text = RichText::new(text);
        if let Some(colour) = level.colour(ui) {
            text = text.color(colour);
        }
        ui.add(egui::Label::new(text).truncate());
    }
}

#[cfg(test)]
mod tests {
    use super::{Level, Messages};

    #[test]
    fn messages_end_work_under_way_log_in_order_and_toast_all_but_acknowledgements() {
        let mut messages = Messages::default();
        messages.working("Opening valley.ron…");
        assert_eq!(
            messages.status(),
            ("Opening valley.ron…", Level::Info, true)
        );
        messages.fail("Could not open valley.ron: it is not a project");
        assert_eq!(
            messages.status(),
            (
                "Could not open valley.ron: it is not a project",
                Level::Error,
                false
            ),
            "a failed open does not stay on Opening…"
        );
        messages.say("Undid: Tag claim");
        messages.done("Saved valley.ron");
        messages.detail(Level::Warning, "Failed a.txt: it has no text");
        let log: Vec<(Level, &str)> = messages
            .log()
            .map(|message| (message.level, message.text.as_str()))
            .collect();
        assert_eq!(
            log,
            [
                (
                    Level::Error,
                    "Could not open valley.ron: it is not a project"
                ),
                (Level::Info, "Undid: Tag claim"),
                (Level::Done, "Saved valley.ron"),
                (Level::Warning, "Failed a.txt: it has no text"),
            ]
        );
        let toasts: Vec<(Level, &str)> = messages.toasts().collect();
        assert_eq!(
            toasts,
            [
                (
                    Level::Error,
                    "Could not open valley.ron: it is not a project"
                ),
                (Level::Done, "Saved valley.ron"),
            ]
        );
        assert_eq!(messages.unseen_problems(), 2);
        for index in 0..10 {
            messages.done(format!("Wrote report {index}"));
        }
        assert_eq!(
            messages.toasts().count(),
            4,
            "new toasts push out the oldest"
        );
    }
}
