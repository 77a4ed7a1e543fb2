//! How the reader's panes are arranged: columns, rows, a grid or tabs, resized and rearranged
//! by dragging their tabs (egui_tiles), and kept per project between runs.
//!
//! The tree holds each pane's salt; the panes themselves (document, scroll position,
//! selection) stay in the app's list, which the tree is reconciled with every frame.

use std::collections::{HashMap, HashSet};

use egui::{Rect, Ui, WidgetText};
use egui_tiles::{
    Behavior, Container, ContainerKind, SimplificationOptions, Tile, TileId, Tiles, Tree,
    UiResponse,
};

use crate::model::DocumentId;

/// Most panes shown at once.
pub const MAX_PANES: usize = 8;

/// Width of the gutter between neighbouring panes, where shared passages are joined by bands.
pub const GUTTER: f32 = 18.0;

/// Height of a pane's tab bar (egui_tiles' default, which the layout keeps).
pub const TAB_BAR_HEIGHT: f32 = 24.0;

/// Where a pane goes beside another.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// After it, as its neighbours are placed: another column, row or tab.
    Follow,
    /// To its left.
    Left,
    /// To its right.
    Right,
}

/// A preset arrangement of all panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// Side by side, left to right.
    Columns,
    /// One above the other.
    Rows,
    /// As square a grid as fits.
    Grid,
    /// One pane at a time, chosen by its tab.
    Tabs,
}

impl Arrangement {
    /// Every arrangement, in menu order.
    pub const ALL: [Self; 4] = [Self::Columns, Self::Rows, Self::Grid, Self::Tabs];

    /// Its name in menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::Columns => "Columns",
            Self::Rows => "Rows",
            Self::Grid => "Grid",
            Self::Tabs => "Tabs",
        }
    }
}

/// The panes' arrangement, as kept between runs: the tree of tiles and which document each
/// pane showed.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct SavedLayout {
    /// The tree, whose panes are salts.
    pub tree: Tree<u64>,
    /// The document each salt showed, in the order the panes were opened.
    pub documents: Vec<(u64, DocumentId)>,
}

/// The tree of tiles that places the panes.
pub struct PaneLayout {
    /// The tiles; a pane tile holds a pane's salt.
    pub tree: Tree<u64>,
}

impl Default for PaneLayout {
    fn default() -> Self {
        Self {
            tree: Tree::empty(egui::Id::unique("panes")),
        }
    }
}

impl PaneLayout {
    /// A layout from one kept between runs.
    pub fn from_saved(tree: Tree<u64>) -> Self {
        Self { tree }
    }

    /// Whether the pane with this salt has a tile.
    pub fn contains(&self, salt: u64) -> bool {
        self.tree.tiles.find_pane(&salt).is_some()
    }

    /// Puts the pane `new` where the pane `old` was.
    pub fn replace(&mut self, old: u64, new: u64) {
        match self.tree.tiles.find_pane(&old) {
            Some(tile) => self.tree.tiles.insert(tile, Tile::Pane(new)),
            None => self.add(new, None),
        }
    }

    /// Places a new pane after the pane `near` in the arrangement (another column, row or
    /// tab, as its neighbours are), or at the end of the arrangement.
    pub fn add(&mut self, salt: u64, near: Option<u64>) {
        self.insert(salt, near, Placement::Follow);
    }

    /// Places a pane to the left (`before`) or the right of the pane `near`, splitting it
    /// where it is one of several rows or tabs.
    pub fn insert_beside(&mut self, salt: u64, near: u64, before: bool) {
        let placement = if before {
            Placement::Left
        } else {
            Placement::Right
        };
        self.insert(salt, Some(near), placement);
    }

    /// Takes a pane's tile out of the arrangement.
    pub fn remove(&mut self, salt: u64) {
        if let Some(tile) = self.tree.tiles.find_pane(&salt) {
            self.tree.remove_recursively(tile);
        }
    }

    fn insert(&mut self, salt: u64, near: Option<u64>, placement: Placement) {
        let pane = self.tree.tiles.insert_pane(salt);
        let Some(root) = self.tree.root() else {
            let tabs = self.tree.tiles.insert_tab_tile(vec![pane]);
            self.tree.root = Some(tabs);
            return;
        };
        let near_tile = near.and_then(|near| self.tree.tiles.find_pane(&near));
        // The tab group of the pane it goes beside: a new tab there, where it has several.
        let group = near_tile.and_then(|tile| self.tree.tiles.parent_of(tile));
        let anchor = match group {
            Some(group) => group,
            None => {
                // No pane to go beside: after the last of the root's children, or the root.
                match self.tree.tiles.get(root) {
                    Some(Tile::Container(container))
                        if container.kind() != ContainerKind::Tabs
                            && placement == Placement::Follow =>
                    {
                        container.children().last().copied().unwrap_or(root)
                    }
                    _ => root,
                }
            }
        };
        if placement == Placement::Follow
            && let Some(Tile::Container(Container::Tabs(tabs))) = self.tree.tiles.get_mut(anchor)
            && tabs.children.len() > 1
        {
            tabs.add_child(pane);
            tabs.set_active(pane);
            return;
        }
        let group = self.tree.tiles.insert_tab_tile(vec![pane]);
        let parent = self.tree.tiles.parent_of(anchor);
        let before = placement == Placement::Left;
        if let Some(parent) = parent
            && let Some(Tile::Container(container)) = self.tree.tiles.get_mut(parent)
        {
            match container {
                Container::Linear(linear)
                    if placement == Placement::Follow
                        || linear.dir == egui_tiles::LinearDir::Horizontal =>
                {
                    let index = linear
                        .children
                        .iter()
                        .position(|child| *child == anchor)
                        .map_or(linear.children.len(), |index| index + usize::from(!before));
                    linear.children.insert(index, group);
                    return;
                }
                Container::Grid(_) if placement == Placement::Follow => {
                    container.add_child(group);
                    return;
                }
                _ => {}
            }
        }
        // A new row of the anchor and the pane, where the anchor was.
        let children = if before {
            vec![group, anchor]
        } else {
            vec![anchor, group]
        };
        let row = self.tree.tiles.insert_horizontal_tile(children);
        match parent.and_then(|parent| self.tree.tiles.get_mut(parent)) {
            Some(Tile::Container(container)) => {
                let _ = container.replace_child(anchor, row);
            }
            _ => self.tree.root = Some(row),
        }
    }

    /// Rebuilds the tree with these panes in a preset arrangement, in this order.
    pub fn arrange(&mut self, salts: &[u64], arrangement: Arrangement) {
        let mut tiles = Tiles::default();
        let root = if arrangement == Arrangement::Tabs {
            let panes = salts.iter().map(|salt| tiles.insert_pane(*salt)).collect();
            tiles.insert_tab_tile(panes)
        } else {
            let groups: Vec<TileId> = salts
                .iter()
                .map(|salt| {
                    let pane = tiles.insert_pane(*salt);
                    tiles.insert_tab_tile(vec![pane])
                })
                .collect();
            match arrangement {
                Arrangement::Rows => tiles.insert_vertical_tile(groups),
                Arrangement::Grid => tiles.insert_grid_tile(groups),
                _ => tiles.insert_horizontal_tile(groups),
            }
        };
        self.tree = Tree::new(egui::Id::unique("panes"), root, tiles);
    }

    /// The preset the tree is in, if it is one.
    pub fn arrangement(&self) -> Option<Arrangement> {
        let root = self.tree.root()?;
        let kind = self.tree.tiles.get(root)?.container_kind()?;
        match kind {
            ContainerKind::Horizontal => Some(Arrangement::Columns),
            ContainerKind::Vertical => Some(Arrangement::Rows),
            ContainerKind::Grid => Some(Arrangement::Grid),
            ContainerKind::Tabs => {
                let Some(Tile::Container(container)) = self.tree.tiles.get(root) else {
                    return None;
                };
                // A lone pane's own tab group is no arrangement of several.
                (container.num_children() > 1).then_some(Arrangement::Tabs)
            }
        }
    }

    /// Shows the tab holding this pane, where it is one of several tabs.
    pub fn reveal(&mut self, salt: u64) {
        if let Some(tile) = self.tree.tiles.find_pane(&salt) {
            self.tree.make_active(|id, _| id == tile);
        }
    }

    /// Where each pane was drawn in the last frame, for the panes on screen.
    pub fn pane_rects(&self) -> Vec<(u64, Rect)> {
        self.tree
            .tiles
            .iter()
            .filter_map(|(id, tile)| match tile {
                Tile::Pane(salt) if self.tree.is_visible(*id) => {
                    Some((*salt, self.tree.tiles.rect(*id)?))
                }
                _ => None,
            })
            .collect()
    }

    /// Draws the tiles; `show` draws one pane and says whether the user started dragging it.
    /// Returns the panes whose tabs were closed.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        open: &HashSet<u64>,
        titles: &HashMap<u64, String>,
        show: &mut dyn FnMut(&mut Ui, u64) -> bool,
    ) -> Vec<u64> {
        let mut behavior = PaneBehavior {
            show,
            titles,
            open,
            closed: Vec::new(),
        };
        self.tree.ui(&mut behavior, ui);
        behavior.closed
    }
}

struct PaneBehavior<'a> {
    show: &'a mut dyn FnMut(&mut Ui, u64) -> bool,
    titles: &'a HashMap<u64, String>,
    open: &'a HashSet<u64>,
    closed: Vec<u64>,
}

/// Longest tab title, in characters.
const TAB_TITLE: usize = 28;

impl Behavior<u64> for PaneBehavior<'_> {
    fn pane_ui(&mut self, ui: &mut Ui, _tile: TileId, salt: &mut u64) -> UiResponse {
        if (self.show)(ui, *salt) {
            UiResponse::DragStarted
        } else {
            UiResponse::None
        }
    }

    fn tab_title_for_pane(&mut self, salt: &u64) -> WidgetText {
        let title = self
            .titles
            .get(salt)
            .map_or("Closed document", String::as_str);
        if title.chars().count() > TAB_TITLE {
            let short: String = title.chars().take(TAB_TITLE - 1).collect();
            format!("{}…", short.trim_end()).into()
        } else {
            title.into()
        }
    }

    fn is_tab_closable(&self, _tiles: &Tiles<u64>, _tile: TileId) -> bool {
        true
    }

    fn on_tab_close(&mut self, tiles: &mut Tiles<u64>, tile: TileId) -> bool {
        if let Some(Tile::Pane(salt)) = tiles.get(tile) {
            self.closed.push(*salt);
        }
        true
    }

    fn retain_pane(&mut self, salt: &u64) -> bool {
        self.open.contains(salt)
    }

    fn gap_width(&self, _style: &egui::Style) -> f32 {
        GUTTER
    }

    fn tab_bar_height(&self, _style: &egui::Style) -> f32 {
        TAB_BAR_HEIGHT
    }

    fn min_size(&self) -> f32 {
        120.0
    }

    fn simplification_options(&self) -> SimplificationOptions {
        SimplificationOptions {
            all_panes_must_have_tabs: true,
            ..SimplificationOptions::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panes_in(layout: &PaneLayout) -> Vec<u64> {
        let mut salts: Vec<u64> = layout
            .tree
            .tiles
            .tiles()
            .filter_map(|tile| match tile {
                Tile::Pane(salt) => Some(*salt),
                Tile::Container(_) => None,
            })
            .collect();
        salts.sort_unstable();
        salts
    }

    #[test]
    fn panes_added_beside_one_another_make_a_row() {
        let mut layout = PaneLayout::default();
        layout.add(1, None);
        layout.add(2, Some(1));
        layout.add(3, Some(2));
        assert_eq!(panes_in(&layout), vec![1, 2, 3]);
        assert_eq!(layout.arrangement(), Some(Arrangement::Columns));
        let root = layout.tree.root().expect("root");
        let Some(Tile::Container(row)) = layout.tree.tiles.get(root) else {
            panic!("a container at the root");
        };
        assert_eq!(row.num_children(), 3, "three columns, not nested pairs");
    }

    #[test]
    fn a_pane_added_beside_a_tab_becomes_another_tab() {
        let mut layout = PaneLayout::default();
        layout.arrange(&[1, 2], Arrangement::Tabs);
        layout.add(3, Some(2));
        assert_eq!(layout.arrangement(), Some(Arrangement::Tabs));
        assert_eq!(panes_in(&layout), vec![1, 2, 3]);
    }

    #[test]
    fn every_preset_keeps_every_pane_and_survives_a_round_trip() {
        for arrangement in Arrangement::ALL {
            let mut layout = PaneLayout::default();
            layout.arrange(&[4, 5, 6, 7], arrangement);
            assert_eq!(layout.arrangement(), Some(arrangement));
            let text = ron::to_string(&layout.tree).expect("serialise");
            let back: Tree<u64> = ron::from_str(&text).expect("parse");
            assert_eq!(panes_in(&PaneLayout::from_saved(back)), vec![4, 5, 6, 7]);
        }
    }
}
