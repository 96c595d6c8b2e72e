package dev.jfastai.tensor;

import static dev.jfastai.tensor.AutogradSemanticsTest.assertMessageMentions;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad shapes, dims and indices fail with messages that name the op and the shapes or values at fault. */
class TensorErrorMessagesTest {
  private static void assertFails(Executable call, String... mentions) {
    RuntimeException e = assertThrows(RuntimeException.class, call);
    for (String m : mentions) assertMessageMentions(e, m);
  }

  @Test
  void matmulNamesBothShapes() {
    Tensor x = Tensor.zeros(256, 784);
    Tensor w = Tensor.zeros(30, 784);
    RuntimeException e = assertThrows(RuntimeException.class, () -> x.matmul(w));
    assertMessageMentions(e, "matmul: shapes [256, 784] and [30, 784] do not match");
  }

  @Test
  void batchedMatmulNamesBothShapes() {
    assertFails(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 5, 6)), "matmul", "[2, 3, 4]", "[3, 5, 6]");
    assertFails(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "matmul", "[3]", "[4]");
  }

  @Test
  void broadcastingErrorsNameBothShapes() {
    assertFails(() -> Tensor.zeros(3, 4).add(Tensor.zeros(5)), "add", "[3, 4]", "[5]");
    assertFails(() -> Tensor.zeros(3, 4).sub(Tensor.zeros(3)), "sub", "[3, 4]", "[3]");
    assertFails(() -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 2)), "mul", "[2, 3]", "[3, 2]");
    assertFails(() -> Tensor.zeros(2, 3).div(Tensor.zeros(4, 1, 2)), "div", "[2, 3]", "[4, 1, 2]");
    assertFails(() -> Tensor.zeros(2, 3).gt(Tensor.zeros(4)), "gt", "[2, 3]", "[4]");
    assertFails(() -> Tensor.where(Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(4)), "where", "[4]");
  }

  @Test
  void linearNamesInputAndWeightShapes() {
    assertFails(() -> Tensor.linear(Tensor.zeros(256, 784), Tensor.zeros(30, 785), null), "linear", "[256, 784]",
        "[30, 785]");
    assertFails(() -> Tensor.linear(Tensor.zeros(4, 3), Tensor.zeros(2, 3), Tensor.zeros(5)), "linear", "[5]");
  }

  @Test
  void shapeOpsNameTheShape() {
    assertFails(() -> Tensor.zeros(2, 3).view(4, 2), "view", "[2, 3]", "[4, 2]");
    assertFails(() -> Tensor.zeros(2, 3).reshape(-1, 4), "reshape", "[2, 3]");
    assertFails(() -> Tensor.zeros(2, 3).expand(4, 3), "expand", "[2, 3]", "[4, 3]");
    assertFails(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)), 0), "cat", "[2, 3]", "[2, 4]");
    assertFails(() -> Tensor.stack(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 2)), 0), "stack", "[2, 3]", "[3, 2]");
  }

  @Test
  void dimsOutOfRangeNameTheOpAndDim() {
    assertFails(() -> Tensor.zeros(2, 3).sum(2), "sum", "2");
    assertFails(() -> Tensor.zeros(2, 3).mean(-3, true), "mean", "-3");
    assertFails(() -> Tensor.zeros(2, 3).transpose(0, 3), "transpose", "3");
    assertFails(() -> Tensor.zeros(2, 3).size(-3), "-3");
    assertFails(() -> Tensor.zeros(2, 3).unsqueeze(4), "unsqueeze", "4");
  }

  @Test
  void indicesOutOfRangeNameTheIndexAndShape() {
    assertFails(() -> Tensor.zeros(4, 3).get(4), "get", "4", "[4, 3]");
    assertFails(() -> Tensor.zeros(4, 3).narrow(0, 2, 3), "narrow", "[4, 3]");
    assertFails(() -> Tensor.zeros(4, 3).indexSelect(1, new int[] {0, 3}), "indexSelect", "3", "[4, 3]");
    assertFails(() -> Tensor.zeros(4, 3).getFloat(1, 3), "[1, 3]", "[4, 3]");
  }

  @Test
  void creationChecksDataAgainstShape() {
    assertFails(() -> Tensor.of(new float[5], 2, 3), "5", "[2, 3]");
    assertFails(() -> Tensor.wrap(new float[7], 2, 3), "7", "[2, 3]");
    assertFails(() -> Tensor.zeros(2, -1), "-1");
  }

  @Test
  void itemOnATensorWithManyElementsNamesTheShape() {
    assertFails(() -> Tensor.zeros(2, 3).item(), "item", "[2, 3]");
  }
}
