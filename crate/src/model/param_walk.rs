//! Every parameter of a module by its dotted path (`blocks.0.attn.query.weight`), read and
//! replaced through burn's visitor and mapper: how a program with many kinds of layers (the
//! transformer) is saved, loaded and inspected without listing its layers by hand.

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::prelude::*;

use crate::error::{PlaygroundError, Result};

/// Tracks the path of field names burn's derive enters.
#[derive(Default)]
struct Path(Vec<String>);

impl Path {
    fn name(&self) -> String {
        self.0.join(".")
    }
}

struct Collect {
    path: Path,
    out: Vec<(String, Tensor<2>, Vec<usize>)>,
}

impl ModuleVisitor for Collect {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.0.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.0.pop();
    }

    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let value = param.val();
        let shape = value.dims().to_vec();
        let rows = if D == 1 { 1 } else { shape[0] };
        let cols = shape.iter().product::<usize>() / rows.max(1);
        self.out.push((self.path.name(), value.reshape([rows, cols]), shape));
    }
}

/// Every float parameter of `module` as `(path, values as [rows, cols], true shape)`, in the
/// order burn visits them: vectors as one row, matrices as they are, higher ranks flattened
/// after the first axis.
pub fn params_of<M: Module>(module: &M) -> Vec<(String, Tensor<2>, Vec<usize>)> {
    let mut c = Collect { path: Path::default(), out: Vec::new() };
    module.visit(&mut c);
    c.out
}

struct Replace<'a> {
    path: Path,
    name: &'a str,
    values: Option<Tensor<2>>,
    done: bool,
}

impl ModuleMapper for Replace<'_> {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.0.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.0.pop();
    }

    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        if self.done || self.path.name() != self.name {
            return param;
        }
        let Some(values) = self.values.take() else { return param };
        let dims: [usize; D] = param.val().dims();
        let n: usize = dims.iter().product();
        if values.dims()[0] * values.dims()[1] != n {
            self.values = Some(values);
            return param;
        }
        self.done = true;
        let mut next = Param::from_tensor(values.reshape(dims));
        next.id = param.id;
        next
    }
}

/// `module` with parameter `name` holding `values` (shaped as [`params_of`] gives them), its
/// identity kept so optimizer state still applies.
pub fn replace_param_of<M: Module>(module: M, name: &str, values: Tensor<2>) -> Result<M> {
    let mut r = Replace { path: Path::default(), name, values: Some(values), done: false };
    let module = module.map(&mut r);
    if r.done { Ok(module) } else { Err(PlaygroundError::InvalidConfig(format!("no parameter named '{name}' of that size"))) }
}
