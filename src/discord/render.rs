//! Replies as Discord messages: embeds, buttons and select menus built as plain data,
//! cut to Discord's limits by [`DiscordMessage::fit`], then turned into serenity's
//! builders with mentions disabled, so that nothing the bot sends can ping anyone.

use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateEmbed, CreateEmbedFooter, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, CreateSelectMenu,
    CreateSelectMenuKind, CreateSelectMenuOption, InputTextStyle, MessageId,
};

use super::action::{Action, COMMENT_INPUT, COMMENT_MODAL, FACT_MENU, TOPIC_MENU};
use crate::chart::{self, Drawn};
use crate::facts::Scale;
use crate::hash::fnv1a;
use crate::lang::Lang;
use crate::limits::{self, fit, fit_id};
use crate::reply::{
    FactCard, Link, Listed, Reply, TopicCount, latest_note, small_talk_lines, unstated_text,
};
use crate::ui::{self, Text};

/// A message to send, before it is cut to Discord's limits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiscordMessage {
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    pub buttons: Vec<Button>,
    pub menu: Option<SelectMenu>,
    /// Files sent with it: a chart's image.
    pub files: Vec<File>,
    /// Only the user who asked sees it.
    pub ephemeral: bool,
}

/// A file sent with a message.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub name: String,
    pub data: Vec<u8>,
}

/// An embed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embed {
    pub title: String,
    pub description: String,
    pub fields: Vec<Field>,
    pub footer: Option<String>,
    pub colour: u32,
    /// The page it links to: a path on the web pages (`/facts/<id>`) until
    /// [`DiscordMessage::at_site`] makes it whole, or drops it when none is published.
    pub url: Option<String>,
    /// Its image: `attachment://<file>` or a whole URL.
    pub image: Option<String>,
}

/// An embed field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

/// A button that runs an [`Action`].
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub primary: bool,
}

/// A string select menu.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectMenu {
    pub custom_id: String,
    pub placeholder: String,
    pub options: Vec<SelectOption>,
}

/// One choice of a [`SelectMenu`].
#[derive(Debug, Clone, PartialEq)]
pub struct SelectOption {
    pub label: String,
    /// What the menu sends back when it is chosen.
    pub value: String,
    /// Shown under the label; none when empty.
    pub description: String,
}

/// Colour of replies that carry no fact (help, errors, "I don't know").
const NEUTRAL: u32 = 0x5865f2;
/// Colours given to topics, chosen from the topic name so each topic keeps its colour.
const TOPIC_COLOURS: [u32; 8] = [
    0x2f8f5b, 0x3b82f6, 0xd97706, 0x9333ea, 0xdc2626, 0x0891b2, 0xca8a04, 0xdb2777,
];

/// The colour of a topic.
pub fn topic_colour(topic: &str) -> u32 {
    let hash = fnv1a(topic.bytes().map(u64::from));
    TOPIC_COLOURS[(hash % TOPIC_COLOURS.len() as u64) as usize]
}

/// The message for a reply, in `lang` (the language the reply was built in),
/// written in its script.
pub fn reply(reply: &Reply, lang: Lang) -> DiscordMessage {
    in_simplified(reply, lang).in_script(lang)
}

fn in_simplified(reply: &Reply, lang: Lang) -> DiscordMessage {
    let text = |key| ui::text(lang, key);
    match reply {
        Reply::Answer {
            card, latest_only, ..
        } => {
            let mut message = fact_card(card, lang);
            if *latest_only && let Some(embed) = message.embeds.first_mut() {
                embed.description = format!(
                    "*{}*\n{}",
                    latest_note(lang, &card.as_of),
                    embed.description
                );
            }
            // Votes first, so that no cut to the limits can drop them.
            let votes = [(true, "👍"), (false, "👎")].map(|(up, label)| Button {
                custom_id: Action::vote_button(up, &card.id),
                label: label.to_owned(),
                primary: false,
            });
            message.buttons.splice(0..0, votes);
            message
        }
        Reply::DidYouMean { suggestions, .. } => DiscordMessage {
            embeds: vec![Embed {
                title: text(Text::DidYouMeanTitle).to_owned(),
                description: text(Text::DidYouMeanText).to_owned(),
                colour: NEUTRAL,
                ..Embed::default()
            }],
            buttons: suggestions.iter().map(|link| button(link, true)).collect(),
            ..DiscordMessage::default()
        },
        Reply::Unknown { topics, .. } => {
            let mut description = text(Text::UnknownText).to_owned();
            if !topics.is_empty() {
                let topics = topics.join(&format!("**{}**", text(Text::ListSeparator)));
                description.push_str("\n\n");
                description.push_str(&ui::fill(lang, Text::UnknownTopics, &[("topics", &topics)]));
            }
            notice(text(Text::UnknownTitle), &description)
        }
        Reply::Unstated {
            asked,
            subject,
            facts,
            ..
        } => DiscordMessage {
            buttons: facts.iter().map(|link| button(link, true)).collect(),
            ..notice(
                text(Text::UnstatedTitle),
                &unstated_text(lang, asked, subject.as_deref()),
            )
        },
        Reply::SmallTalk {
            kind,
            topics,
            examples,
        } => notice(
            "ipwest",
            &small_talk_lines(lang, *kind, topics, examples).join("\n\n"),
        ),
        Reply::Fact(card) => fact_card(card, lang),
        Reply::Facts { heading, facts } => fact_list(heading, facts, lang),
        Reply::Topics(counts) => topics(counts, lang),
        Reply::Notice(shown) => notice(&shown.title, &shown.text).ephemeral(shown.problem),
    }
}

/// A fact as an embed: title, answer, figures as inline fields, source and date in the
/// footer, the topic's colour; its related facts as buttons.
pub fn fact_card(card: &FactCard, lang: Lang) -> DiscordMessage {
    let fields = card.figures.iter().map(|figure| Field {
        name: figure.label.clone(),
        value: figure.value.clone(),
        inline: true,
    });
    DiscordMessage {
        embeds: vec![Embed {
            title: card.title.clone(),
            description: card.text.clone(),
            fields: fields.collect(),
            footer: Some(ui::fill(
                lang,
                Text::SourceAsOf,
                &[("source", &card.source), ("as_of", &card.as_of)],
            )),
            colour: topic_colour(&card.topic),
            url: Some(format!("/facts/{}", card.id)),
            image: None,
        }],
        buttons: card
            .charts
            .iter()
            .take(1)
            .map(|chart| Button {
                custom_id: Action::chart_button(chart),
                label: ui::text(lang, Text::ChartButton).to_owned(),
                primary: false,
            })
            .chain(card.related.iter().take(3).map(|link| button(link, false)))
            .collect(),
        ..DiscordMessage::default()
    }
}

/// Where a chart's image comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartImage<'a> {
    /// Attached as a PNG file (the gateway bot, whose responses are multipart).
    Attached,
    /// Fetched by Discord from the web pages at this public address (the HTTP
    /// endpoint, whose responses are JSON and so carry no file).
    Linked(&'a str),
    /// None: the figures as text alone.
    None,
}

/// A chart: its figures as text, and its image (drawn as PNG when attached).
pub fn chart(drawn: &Drawn, lang: Lang, image: ChartImage<'_>) -> DiscordMessage {
    let mut lines: Vec<String> = drawn
        .bars
        .iter()
        .map(|bar| format!("**{}**: {}", bar.label, bar.shown))
        .collect();
    if drawn.scale == Scale::Whole {
        lines.push(ui::text(lang, Text::WebChartOfWhole).to_owned());
    }
    let name = format!("{}.png", drawn.id);
    let (image, files) = match image {
        ChartImage::Attached => {
            let drawn = drawn.clone().in_script(lang);
            let png = chart::png(&drawn);
            let file = File {
                name: name.clone(),
                data: png,
            };
            (Some(format!("attachment://{name}")), vec![file])
        }
        ChartImage::Linked(site) => {
            let tag = if lang.is_chinese() { "?lang=zh" } else { "" };
            (Some(format!("{site}/charts/{name}{tag}")), Vec::new())
        }
        ChartImage::None => (None, Vec::new()),
    };
    DiscordMessage {
        embeds: vec![Embed {
            title: ui::text(lang, Text::ChartTitle).to_owned(),
            description: lines.join("\n"),
            colour: NEUTRAL,
            image,
            ..Embed::default()
        }],
        files,
        ..DiscordMessage::default()
    }
}

/// A list of facts under a heading, in the first one's topic colour, with a menu to
/// open one.
pub fn fact_list(heading: &str, facts: &[Listed], lang: Lang) -> DiscordMessage {
    let colour = facts.first().map_or(NEUTRAL, |f| topic_colour(&f.topic));
    let lines: Vec<String> = facts.iter().map(|f| format!("• {}", f.title)).collect();
    let options = facts.iter().map(|f| SelectOption {
        label: f.title.clone(),
        value: Action::option_value(&f.id),
        description: f.topic.clone(),
    });
    with_menu(
        heading,
        &lines,
        colour,
        FACT_MENU,
        ui::text(lang, Text::OpenAFact),
        options.collect(),
    )
}

/// The topics with their number of facts, and a menu to browse one.
pub fn topics(topics: &[TopicCount], lang: Lang) -> DiscordMessage {
    let lines: Vec<String> = topics
        .iter()
        .map(|t| format!("**{}**: {}", t.name, ui::facts_count(lang, t.facts)))
        .collect();
    let options = topics.iter().map(|t| SelectOption {
        label: t.name.clone(),
        value: Action::option_value(&t.name),
        description: ui::facts_count(lang, t.facts),
    });
    with_menu(
        ui::text(lang, Text::TopicsTitle),
        &lines,
        NEUTRAL,
        TOPIC_MENU,
        ui::text(lang, Text::BrowseATopic),
        options.collect(),
    )
}

/// An embed listing `lines`, with a select menu under it.
fn with_menu(
    title: &str,
    lines: &[String],
    colour: u32,
    custom_id: &str,
    placeholder: &str,
    options: Vec<SelectOption>,
) -> DiscordMessage {
    DiscordMessage {
        embeds: vec![Embed {
            title: title.to_owned(),
            description: lines.join("\n"),
            colour,
            ..Embed::default()
        }],
        menu: Some(SelectMenu {
            custom_id: custom_id.to_owned(),
            placeholder: placeholder.to_owned(),
            options,
        }),
        ..DiscordMessage::default()
    }
}

/// The form a 👎 opens: "What was wrong?", optional, at most [`limits::COMMENT`]
/// characters.
pub fn comment_form(lang: Lang) -> CreateInteractionResponse {
    let text = |key| lang.script(ui::text(lang, key));
    let input = CreateInputText::new(
        InputTextStyle::Paragraph,
        text(Text::CommentLabel),
        COMMENT_INPUT,
    )
    .required(false)
    .max_length(limits::COMMENT as u16)
    .placeholder(text(Text::CommentPlaceholder));
    CreateInteractionResponse::Modal(
        CreateModal::new(COMMENT_MODAL, text(Text::CommentTitle))
            .components(vec![CreateActionRow::InputText(input)]),
    )
}

/// A short titled text, such as help or an error.
pub fn notice(title: &str, text: &str) -> DiscordMessage {
    DiscordMessage {
        embeds: vec![Embed {
            title: title.to_owned(),
            description: text.to_owned(),
            colour: NEUTRAL,
            ..Embed::default()
        }],
        ..DiscordMessage::default()
    }
}

fn button(link: &Link, primary: bool) -> Button {
    Button {
        custom_id: Action::fact_button(&link.id),
        label: link.title.clone(),
        primary,
    }
}

impl DiscordMessage {
    /// The message with every text the user reads in `lang`'s script (the fact base
    /// and the catalogue hold Simplified characters).
    pub fn in_script(mut self, lang: Lang) -> Self {
        if !matches!(lang, Lang::Zh(script) if script != crate::lang::Script::Simplified) {
            return self;
        }
        let convert = |text: &mut String| *text = lang.script(text);
        self.content.iter_mut().for_each(convert);
        for embed in &mut self.embeds {
            convert(&mut embed.title);
            convert(&mut embed.description);
            embed.footer.iter_mut().for_each(convert);
            for field in &mut embed.fields {
                convert(&mut field.name);
                convert(&mut field.value);
            }
        }
        self.buttons.iter_mut().for_each(|b| convert(&mut b.label));
        if let Some(menu) = &mut self.menu {
            convert(&mut menu.placeholder);
            for option in &mut menu.options {
                convert(&mut option.label);
                convert(&mut option.description);
            }
        }
        self
    }

    /// The message with its embeds' links made whole at the pages' public address
    /// (`IPWEST_PUBLIC_URL`), or dropped when the pages are not published.
    pub fn at_site(mut self, public_url: Option<&str>) -> Self {
        for embed in &mut self.embeds {
            embed.url = match (public_url, embed.url.take()) {
                (Some(site), Some(path)) => Some(format!("{site}{path}")),
                _ => None,
            };
        }
        self
    }

    /// Only the user who asked sees it.
    pub fn ephemeral(mut self, ephemeral: bool) -> Self {
        self.ephemeral = ephemeral;
        self
    }

    /// The message cut to every Discord limit (see [`limits`]).
    pub fn fit(mut self) -> Self {
        self.content = self.content.map(|c| fit(&c, limits::CONTENT));
        self.embeds.iter_mut().for_each(Embed::fit);
        let rows_for_buttons = limits::ACTION_ROWS - usize::from(self.menu.is_some());
        self.buttons
            .truncate(rows_for_buttons * limits::BUTTONS_PER_ROW);
        for button in &mut self.buttons {
            button.custom_id = fit_id(&button.custom_id, limits::CUSTOM_ID);
            button.label = fit(non_empty(&button.label), limits::BUTTON_LABEL);
        }
        if let Some(menu) = &mut self.menu {
            menu.custom_id = fit_id(&menu.custom_id, limits::CUSTOM_ID);
            menu.placeholder = fit(&menu.placeholder, limits::SELECT_PLACEHOLDER);
            menu.options.truncate(limits::SELECT_OPTIONS);
            for option in &mut menu.options {
                option.label = fit(non_empty(&option.label), limits::SELECT_OPTION_TEXT);
                option.value = fit_id(&option.value, limits::SELECT_OPTION_TEXT);
                option.description = fit(&option.description, limits::SELECT_OPTION_TEXT);
            }
        }
        self
    }

    /// As the response to an interaction.
    pub fn into_response(self) -> CreateInteractionResponse {
        let this = self.fit();
        let mut message = CreateInteractionResponseMessage::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .ephemeral(this.ephemeral)
            .embeds(this.embeds.iter().map(Embed::build).collect())
            .components(this.rows())
            .add_files(
                this.files
                    .iter()
                    .map(|f| CreateAttachment::bytes(f.data.clone(), f.name.clone())),
            );
        if let Some(content) = &this.content {
            message = message.content(content);
        }
        CreateInteractionResponse::Message(message)
    }

    /// As a reply to the message `to` in `channel`, without pinging its author.
    pub fn into_reply(self, channel: ChannelId, to: MessageId) -> CreateMessage {
        let this = self.fit();
        let mut message = CreateMessage::new()
            .reference_message((channel, to))
            .allowed_mentions(CreateAllowedMentions::new().replied_user(false))
            .embeds(this.embeds.iter().map(Embed::build).collect())
            .components(this.rows());
        if let Some(content) = &this.content {
            message = message.content(content);
        }
        message
    }

    fn rows(&self) -> Vec<CreateActionRow> {
        let mut rows = Vec::new();
        if let Some(menu) = &self.menu {
            let options = menu.options.iter().map(|option| {
                let created = CreateSelectMenuOption::new(&option.label, &option.value);
                if option.description.is_empty() {
                    created
                } else {
                    created.description(&option.description)
                }
            });
            let kind = CreateSelectMenuKind::String {
                options: options.collect(),
            };
            rows.push(CreateActionRow::SelectMenu(
                CreateSelectMenu::new(&menu.custom_id, kind).placeholder(&menu.placeholder),
            ));
        }
        for chunk in self.buttons.chunks(limits::BUTTONS_PER_ROW) {
            let buttons = chunk.iter().map(|b| {
                let style = if b.primary {
                    ButtonStyle::Primary
                } else {
                    ButtonStyle::Secondary
                };
                CreateButton::new(&b.custom_id).label(&b.label).style(style)
            });
            rows.push(CreateActionRow::Buttons(buttons.collect()));
        }
        rows
    }
}

impl Embed {
    fn fit(&mut self) {
        self.title = fit(&self.title, limits::EMBED_TITLE);
        self.description = fit(&self.description, limits::EMBED_DESCRIPTION);
        self.fields.truncate(limits::EMBED_FIELDS);
        for field in &mut self.fields {
            field.name = fit(non_empty(&field.name), limits::FIELD_NAME);
            field.value = fit(non_empty(&field.value), limits::FIELD_VALUE);
        }
        self.footer = self.footer.as_ref().map(|f| fit(f, limits::FOOTER));
        // Over the total: shorten the description first, then drop fields.
        let excess = self.total().saturating_sub(limits::EMBED_TOTAL);
        if excess > 0 {
            let keep = self.description.chars().count().saturating_sub(excess);
            self.description = fit(&self.description, keep);
        }
        while self.total() > limits::EMBED_TOTAL && self.fields.pop().is_some() {}
    }

    /// Characters Discord counts towards the embed total.
    fn total(&self) -> usize {
        let count = |s: &str| s.chars().count();
        count(&self.title)
            + count(&self.description)
            + self
                .fields
                .iter()
                .map(|f| count(&f.name) + count(&f.value))
                .sum::<usize>()
            + self.footer.as_deref().map_or(0, count)
    }

    fn build(&self) -> CreateEmbed {
        let mut embed = CreateEmbed::new()
            .title(&self.title)
            .description(&self.description)
            .colour(self.colour);
        for field in &self.fields {
            embed = embed.field(&field.name, &field.value, field.inline);
        }
        if let Some(footer) = &self.footer {
            embed = embed.footer(CreateEmbedFooter::new(footer));
        }
        if let Some(url) = &self.url {
            embed = embed.url(url);
        }
        if let Some(image) = &self.image {
            embed = embed.image(image);
        }
        embed
    }
}

/// Discord refuses empty labels and field texts.
fn non_empty(text: &str) -> &str {
    if text.trim().is_empty() { "—" } else { text }
}
