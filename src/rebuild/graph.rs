//! What each served output was made from, and which outputs a change makes stale.
//!
//! Each output rendered by `serve` is rendered inside a [capture](crate::deps): the
//! parts of the site it read become its dependencies. The [`Graph`] keeps, per
//! output, the dependencies of its last render and, per dependency, the value (a
//! hash) it had then. After an edit, [`Graph::stale`] computes every dependency's
//! value on the new site once and returns the outputs one of whose dependencies
//! changed; nothing lists by hand what a template shows.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::deps::{Dep, Part, Read};
use crate::model::{Index, Site};

/// The values of the site's parts that the model does not hold.
pub struct Outside<'a> {
    /// The settings: configuration, theme strings and options.
    pub settings: u64,
    /// Each template's signature (its text and those of all it reaches).
    pub templates: &'a HashMap<String, u64>,
}

/// The dependencies of every served output.
#[derive(Default)]
pub struct Graph {
    /// Every dependency met so far, numbered.
    ids: HashMap<Dep, u32>,
    /// The dependencies, by number.
    deps: Vec<Dep>,
    /// Each dependency's value when the outputs that use it were last rendered.
    values: Vec<Option<u64>>,
    /// Each output's route (a hash of it: what the route itself says, such as a
    /// redirect's target) and dependencies, by number.
    of_output: HashMap<String, (u64, Vec<u32>), ahash::RandomState>,
}

impl Graph {
    /// Of `outputs` (each with a hash of its route), those that must be rendered
    /// again on `site`: never rendered, of another route, or made from a part whose
    /// value changed. `only`, when given, are the only parts
    /// that can have changed (an article updated in place), so only their values are
    /// computed again. Returns the stale outputs with the new values of every
    /// dependency, to [`Graph::commit`] once they are rendered.
    pub fn stale<'o>(
        &self,
        site: &Site,
        outside: &Outside,
        outputs: &[(&'o str, u64)],
        only: Option<&[Dep]>,
    ) -> (Vec<&'o str>, Vec<Option<u64>>) {
        let index = site.index();
        let now: Vec<Option<u64>> = match only {
            None => self.deps.par_iter().map(|dep| value(site, index, outside, dep)).collect(),
            Some(parts) => {
                let mut now = self.values.clone();
                for dep in parts {
                    if let Some(&id) = self.ids.get(dep) {
                        now[id as usize] = value(site, index, outside, dep);
                    }
                }
                now
            }
        };
        let changed: Vec<bool> = now.iter().zip(&self.values).map(|(a, b)| a != b).collect();
        let shown: Vec<&Dep> = self.deps.iter().zip(&changed).filter(|(_, c)| **c).map(|(d, _)| d).take(8).collect();
        tracing::debug!("{} parts changed, such as {shown:?}", changed.iter().filter(|c| **c).count());
        let stale = outputs
            .par_iter()
            .filter(|(output, route)| {
                self.of_output
                    .get(*output)
                    .is_none_or(|(then, ids)| then != route || ids.iter().any(|&id| changed[id as usize]))
            })
            .map(|(output, _)| *output)
            .collect();
        (stale, now)
    }

    /// Records what the outputs just rendered on `site` read, and the new values of
    /// the dependencies (from [`Graph::stale`]); forgets the outputs in `gone`.
    pub fn commit(
        &mut self,
        site: &Site,
        outside: &Outside,
        rendered: Vec<(String, u64, Vec<Read>)>,
        values: Vec<Option<u64>>,
        gone: &[String],
    ) {
        self.values = values;
        let index = site.index();
        for (output, route, reads) in rendered {
            let ids = reads.into_iter().map(|read| self.id(site.dep_of(read), site, index, outside)).collect();
            self.of_output.insert(output, (route, ids));
        }
        for output in gone {
            self.of_output.remove(output);
        }
    }

    /// The number of `dep`, given one (and its value on `site`) when it is new.
    fn id(&mut self, dep: Dep, site: &Site, index: &Index, outside: &Outside) -> u32 {
        if let Some(&id) = self.ids.get(&dep) {
            return id;
        }
        let id = u32::try_from(self.deps.len()).unwrap_or(u32::MAX);
        self.values.push(value(site, index, outside, &dep));
        self.ids.insert(dep.clone(), id);
        self.deps.push(dep);
        id
    }

    /// How many outputs and dependencies the graph holds.
    pub fn size(&self) -> (usize, usize) {
        (self.of_output.len(), self.deps.len())
    }
}

/// A hash of a route, to tell when the route of an output changed.
pub fn route_hash(route: &crate::routes::Route) -> u64 {
    ahash::RandomState::with_seeds(1, 2, 3, 4).hash_one(route)
}

/// The value of `dep` on `site` now.
fn value(site: &Site, index: &Index, outside: &Outside, dep: &Dep) -> Option<u64> {
    match dep {
        Part::Settings => Some(outside.settings),
        Part::Template(name) => outside.templates.get(*name).copied(),
        _ => site.value_of(dep, index),
    }
}
