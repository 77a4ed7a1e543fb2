//! The bands joining two copies of a shared passage across the gutter between two panes side
//! by side: which to draw in full so that they do not cross, how strongly, and their shape.
//!
//! Bands are sorted by where their copy starts in the left pane; the longest run of them whose
//! copies in the right pane come in the same order is drawn as full bands, which then never
//! cross. The others (a passage one report moved) are thin lines, as are all but the band
//! under the pointer when so many share the gutter that full bands would hide one another. A
//! band that climbs or falls far is drawn fainter than one that runs level.

use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, pos2};

/// From this many bands in one gutter, only the one under the pointer is drawn in full.
pub const MANY: usize = 12;

/// Points sampled along a band's edges: enough for a smooth curve across a narrow gutter.
const STEPS: usize = 12;

/// How one band is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// A filled band with its edges.
    Full,
    /// A thin line from the middle of one copy to the middle of the other.
    Thin,
}

/// A band's two ends: the top and bottom, on screen, of its copy in the left pane and of its
/// copy in the right pane.
pub type Ends = ((f32, f32), (f32, f32));

/// Which bands of one gutter are drawn in full: the longest set, in the left pane's order,
/// whose right-pane copies come in the same order (so that none of them crosses another);
/// with [`MANY`] bands or more, only `hot`, the band under the pointer.
pub fn looks(ends: &[Ends], hot: Option<usize>) -> Vec<Look> {
    let mut looks = vec![Look::Thin; ends.len()];
    if ends.len() >= MANY {
        if let Some(hot) = hot.filter(|hot| *hot < ends.len()) {
            looks[hot] = Look::Full;
        }
        return looks;
    }
    for index in uncrossed(ends) {
        looks[index] = Look::Full;
    }
    if let Some(hot) = hot.filter(|hot| *hot < ends.len()) {
        looks[hot] = Look::Full;
    }
    looks
}

/// The indices of the longest set of bands that do not cross: ordered by their left top, then
/// the longest strictly increasing run of right tops (patience sorting, n log n).
fn uncrossed(ends: &[Ends]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ends.len()).collect();
    order.sort_by(|a, b| {
        ends[*a]
            .0
            .0
            .total_cmp(&ends[*b].0.0)
            .then(ends[*a].1.0.total_cmp(&ends[*b].1.0))
    });
    // tails[k]: the position in `order` of the smallest right top ending a run of k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; order.len()];
    for (position, &index) in order.iter().enumerate() {
        let top = ends[index].1.0;
        let place = tails.partition_point(|&tail| ends[order[tail]].1.0 < top);
        previous[position] = place.checked_sub(1).map(|before| tails[before]);
        if place == tails.len() {
            tails.push(position);
        } else {
            tails[place] = position;
        }
    }
    let mut kept = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(position) = at {
        kept.push(order[position]);
        at = previous[position];
    }
    kept.reverse();
    kept
}

/// How strongly a band is drawn, from 1 (level across the gutter) down to 0.35 (its ends a
/// gutter's height or more apart).
pub fn strength(((a_top, a_bottom), (b_top, b_bottom)): Ends, height: f32) -> f32 {
    let climb = ((a_top + a_bottom) - (b_top + b_bottom)).abs() / 2.0;
    (1.0 - climb / height.max(1.0)).clamp(0.35, 1.0)
}

/// Which band, if any, the pointer is on: over one of its copies in either pane, or inside it
/// in the gutter.
pub fn under_pointer(
    ends: &[Ends],
    (left, gutter, right): (Rect, Rect, Rect),
    pointer: Option<Pos2>,
) -> Option<usize> {
    let pointer = pointer?;
    ends.iter()
        .position(|&((a_top, a_bottom), (b_top, b_bottom))| {
            let inside = |top: f32, bottom: f32| (top..=bottom).contains(&pointer.y);
            if left.contains(pointer) {
                return inside(a_top, a_bottom);
            }
            if right.contains(pointer) {
                return inside(b_top, b_bottom);
            }
            if gutter.x_range().contains(pointer.x) {
                let t = ease((pointer.x - gutter.left()) / gutter.width().max(1.0));
                return inside(lerp(a_top, b_top, t), lerp(a_bottom, b_bottom, t));
            }
            false
        })
}

/// The shapes of one band across `gutter`, in `fill` and `edge` (already faded as wanted).
pub fn band_shapes(
    ends: Ends,
    gutter: Rect,
    look: Look,
    (fill, edge): (Color32, Color32),
) -> Vec<Shape> {
    let ((a_top, a_bottom), (b_top, b_bottom)) = ends;
    let point = |step: usize, left: f32, right: f32| {
        #[allow(clippy::cast_precision_loss)] // A few steps.
        let t = step as f32 / STEPS as f32;
        pos2(
            gutter.left() + t * gutter.width(),
            lerp(left, right, ease(t)),
        )
    };
    match look {
        Look::Thin => {
            let middle: Vec<Pos2> = (0..=STEPS)
                .map(|step| point(step, (a_top + a_bottom) / 2.0, (b_top + b_bottom) / 2.0))
                .collect();
            vec![Shape::line(middle, Stroke::new(1.0, edge))]
        }
        Look::Full => {
            let top: Vec<Pos2> = (0..=STEPS).map(|step| point(step, a_top, b_top)).collect();
            let bottom: Vec<Pos2> = (0..=STEPS)
                .map(|step| point(step, a_bottom, b_bottom))
                .collect();
            // A strip of quads between the two edges: a band that bends is not convex.
            let mut mesh = Mesh::default();
            for (upper, lower) in top.iter().zip(&bottom) {
                mesh.colored_vertex(*upper, fill);
                mesh.colored_vertex(*lower, fill);
            }
            #[allow(clippy::cast_possible_truncation)] // A few dozen vertices.
            for step in 0..STEPS as u32 {
                let at = step * 2;
                mesh.add_triangle(at, at + 1, at + 2);
                mesh.add_triangle(at + 1, at + 3, at + 2);
            }
            let stroke = Stroke::new(0.75, edge);
            vec![
                Shape::mesh(mesh),
                Shape::line(top, stroke),
                Shape::line(bottom, stroke),
            ]
        }
    }
}

/// A colour with its opacity scaled by `strength`.
pub fn faded(colour: Color32, strength: f32) -> Color32 {
    colour.gamma_multiply(strength)
}

fn lerp(from: f32, to: f32, t: f32) -> f32 {
    from + (to - from) * t
}

/// Smooth at both ends: the band leaves each pane level and bends in the middle.
fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(a: f32, b: f32) -> Ends {
        ((a, a + 10.0), (b, b + 10.0))
    }

    #[test]
    fn the_longest_set_of_bands_in_one_order_is_drawn_in_full_and_the_crossing_one_thin() {
        // The third passage was moved to the top of the right-hand report.
        let ends = [
            band(0.0, 100.0),
            band(50.0, 150.0),
            band(80.0, 10.0),
            band(120.0, 200.0),
        ];
        assert_eq!(
            looks(&ends, None),
            [Look::Full, Look::Full, Look::Thin, Look::Full]
        );
        // Under the pointer, the moved one is drawn in full too.
        assert_eq!(looks(&ends, Some(2))[2], Look::Full);
        // Given in any order, the same bands are kept.
        let shuffled = [ends[3], ends[2], ends[0], ends[1]];
        assert_eq!(
            looks(&shuffled, None),
            [Look::Full, Look::Thin, Look::Full, Look::Full]
        );
    }

    #[test]
    fn when_many_share_the_gutter_only_the_one_under_the_pointer_is_full() {
        #[allow(clippy::cast_precision_loss)]
        let ends: Vec<Ends> = (0..MANY)
            .map(|index| band(index as f32 * 20.0, index as f32 * 20.0))
            .collect();
        assert!(looks(&ends, None).iter().all(|look| *look == Look::Thin));
        let hot = looks(&ends, Some(3));
        assert_eq!(hot.iter().filter(|look| **look == Look::Full).count(), 1);
        assert_eq!(hot[3], Look::Full);
    }

    #[test]
    fn the_pointer_finds_its_band_in_either_pane_or_in_the_gutter_and_far_bands_fade() {
        let left = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 400.0));
        let gutter = Rect::from_min_max(pos2(100.0, 0.0), pos2(110.0, 400.0));
        let right = Rect::from_min_max(pos2(110.0, 0.0), pos2(210.0, 400.0));
        let ends = [band(0.0, 300.0), band(50.0, 50.0)];
        let rects = (left, gutter, right);
        assert_eq!(under_pointer(&ends, rects, Some(pos2(20.0, 5.0))), Some(0));
        assert_eq!(
            under_pointer(&ends, rects, Some(pos2(150.0, 305.0))),
            Some(0)
        );
        assert_eq!(
            under_pointer(&ends, rects, Some(pos2(150.0, 55.0))),
            Some(1)
        );
        assert_eq!(
            under_pointer(&ends, rects, Some(pos2(105.0, 55.0))),
            Some(1)
        );
        assert_eq!(under_pointer(&ends, rects, Some(pos2(20.0, 200.0))), None);
        assert_eq!(under_pointer(&ends, rects, None), None);
        assert!(
            (strength(ends[1], 400.0) - 1.0).abs() < 1e-6,
            "a level band"
        );
        assert!(
            strength(ends[0], 400.0) < 0.3 + 0.1,
            "one that climbs 300 of 400 points"
        );
    }
}
